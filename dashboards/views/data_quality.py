"""数据质量: what arrived, what was rejected and why, who has not reported, and how fresh the figures are."""

import pandas as pd
import streamlit as st

from dashboards import breakdown_data, context, formatting, warehouse
from dashboards.downloads import download_buttons
from dashboards.layout import freshness_banner
from orchestration import refresh_status

# Completeness is judged over the year up to the chosen month.
COMPLETENESS_MONTHS = 12

FEED_LABELS = {
    "family_doctor_contracts": "家庭医生签约记录",
    "mutual_recognition_events": "检查检验结果互认",
    "institution_monthly_reports": "医疗机构运行监测月报",
    "service_capacity_assessments": "优质服务基层行评价",
}

view = context.current()
st.title("数据质量")


def refresh_and_freshness() -> None:
    last = refresh_status.latest()
    if last is None:
        st.markdown("**最近一次刷新**：无记录（本数据仓库不是由 `make materialize` 或夜间调度生成的）")
    else:
        outcome = "成功" if last.succeeded else "失败"
        st.markdown(f"**最近一次刷新**：{outcome}（{last.job_name}，完成于 {last.finished_at}，运行 {last.run_id[:8]}）")
    latest = breakdown_data.latest_month_per_feed()
    shown = pd.DataFrame({
        "数据源": latest["feed_name"].map(FEED_LABELS).fillna(latest["feed_name"]),
        "最新数据期间": latest["latest_period"],
        "最近送达": latest["latest_delivery"].map(lambda day: "—" if pd.isna(day) else f"{day:%Y-%m-%d}"),
    })
    st.dataframe(shown, hide_index=True, width="stretch")


def reporting_completeness() -> None:
    st.subheader(f"月报上报完整性 · {view.region_name}")
    period_to = view.period_month
    period_from = period_to - pd.DateOffset(months=COMPLETENESS_MONTHS - 1)
    st.caption(
        f"{formatting.month(period_from)}–{formatting.month(period_to)}：应报 = 需填报月报的医院、乡镇卫生院和社区卫生服务中心 × 月份；"
        "上报率 = 实报 ÷ 应报（DHIS2 的 reporting rate）。"
    )
    totals = breakdown_data.reporting_totals(view.region_id, period_from, period_to)
    tiles = st.columns(3)
    tiles[0].metric("应报", formatting.number(totals["reports_expected"]))
    tiles[1].metric("实报", formatting.number(totals["reports_received"]))
    rate = 100 * totals["reports_received"] / totals["reports_expected"] if totals["reports_expected"] else float("nan")
    tiles[2].metric("上报率", formatting.value(rate, "%"))
    by_child = breakdown_data.reporting_by_child(view.region_id, period_from, period_to)
    if not by_child.empty:
        by_child["上报率（%）"] = 100 * by_child["reports_received"] / by_child["reports_expected"]
        shown = pd.DataFrame({
            "下级单位": by_child["org_unit_name"],
            "应报": by_child["reports_expected"].map(formatting.number),
            "实报": by_child["reports_received"].map(formatting.number),
            "上报率": by_child["上报率（%）"].map(lambda value: formatting.value(value, "%")),
        })
        st.dataframe(shown, hide_index=True, width="stretch")
        download_buttons(shown, f"reporting_rate_{view.region_id}_{period_to:%Y-%m}")
    missing = breakdown_data.missing_reports(view.region_id, period_from, period_to)
    st.markdown(f"**缺报机构**：{len(missing):,} 家")
    shown = missing.rename(columns={
        "org_unit_name": "机构", "institution_type": "类型", "full_path": "所在地", "months_missing": "缺报月数", "missing_months": "缺报月份",
    })[["机构", "类型", "所在地", "缺报月数", "缺报月份"]]
    st.dataframe(shown, hide_index=True, width="stretch")
    download_buttons(shown, f"missing_reports_{view.region_id}_{period_to:%Y-%m}")


if freshness_banner():
    refresh_and_freshness()
    if view.region_id and view.period_month is not None:
        reporting_completeness()
    if not view.scope.sees_everything:
        # File audits and quarantined raw records span every region: not for a regional account.
        st.info("逐文件加载审计和隔离行样例包含全部地区的原始记录，仅对可查看全部地区的账户显示。")
        st.stop()
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
