"""政策文件: the policy documents in the warehouse and how each was read."""

import streamlit as st

from dashboards import warehouse
from dashboards.downloads import download_buttons
from dashboards.layout import freshness_banner

st.title("政策文件")

if freshness_banner():
    documents = warehouse.query(
        """
        select
            file_name as 文件名,
            detected_encoding as 编码,
            size_bytes as 字节数,
            character_count as 字符数,
            case when is_readable then '已读取' else '读取失败：' || read_error end as 状态,
            ingested_at as 入库时间
        from marts.dim_documents
        order by file_name
        """
    )
    documents["入库时间"] = documents["入库时间"].dt.tz_convert("Asia/Shanghai").dt.strftime("%Y-%m-%d %H:%M")
    st.metric("文件数", f"{len(documents):,}")
    st.dataframe(
        documents,
        hide_index=True,
        width="stretch",
        column_config={
            "字节数": st.column_config.NumberColumn(format="localized"),
            "字符数": st.column_config.NumberColumn(format="localized"),
        },
    )
    download_buttons(documents, "policy_documents")
