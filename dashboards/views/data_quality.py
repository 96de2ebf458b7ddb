"""数据质量: what arrived, what was rejected and why, and how fresh the figures are."""

import streamlit as st

from dashboards import warehouse
from dashboards.downloads import download_buttons
from dashboards.layout import freshness_banner

FEED_LABELS = {
    "family_doctor_contracts": "家庭医生签约记录",
    "mutual_recognition_events": "检查检验结果互认",
    "institution_monthly_reports": "医疗机构运行监测月报",
    "service_capacity_assessments": "优质服务基层行评价",
}

st.title("数据质量")

if freshness_banner():
    audit = warehouse.query(
        """
        select feed_name, source_file, delivered_on, file_period, load_status, error_code, error_message,
               rows_received, rows_accepted, rows_quarantined, rows_replaced, is_reconciled
        from marts.feed_load_audit
        order by delivered_on desc, source_file
        """
    )
    totals = st.columns(4)
    totals[0].metric("文件数", f"{len(audit):,}")
    totals[1].metric("接收行数", f"{int(audit['rows_received'].sum()):,}")
    totals[2].metric("隔离行数", f"{int(audit['rows_quarantined'].sum()):,}")
    totals[3].metric("文件级错误", f"{int((audit['load_status'] != 'loaded').sum()):,}")
    if not audit["is_reconciled"].all():
        st.error("存在未对平的文件：接收行数 ≠ 入库行数 + 隔离行数。")

    st.subheader("逐文件加载审计")
    shown = audit.assign(数据源=audit["feed_name"].map(FEED_LABELS).fillna("未识别")).rename(columns={
        "source_file": "文件", "delivered_on": "送达日期", "file_period": "期间", "load_status": "状态",
        "error_code": "错误代码", "error_message": "错误说明", "rows_received": "接收", "rows_accepted": "入库",
        "rows_quarantined": "隔离", "rows_replaced": "被更正替换",
    })[["数据源", "文件", "送达日期", "期间", "状态", "错误代码", "错误说明", "接收", "入库", "隔离", "被更正替换"]]
    st.dataframe(shown, hide_index=True, width="stretch")
    download_buttons(shown, "feed_load_audit")

    st.subheader("隔离行（按原因）")
    reasons = warehouse.query(
        "select reason_code as 原因, count(*) as 行数 from marts.quarantined_feed_rows group by 1 order by 2 desc"
    )
    st.bar_chart(reasons, x="原因", y="行数", horizontal=True)
    if not reasons.empty:
        reason = st.selectbox("查看样例", reasons["原因"])
        samples = warehouse.query(
            """
            select feed_name as 数据源, source_file as 文件, source_row as 行号, column_name as 字段,
                   message as 说明, raw_record as 原始内容
            from marts.quarantined_feed_rows where reason_code = ? order by source_file, source_row limit 50
            """,
            (reason,),
        )
        st.dataframe(samples, hide_index=True, width="stretch")
        download_buttons(samples, f"quarantined_{reason}")
