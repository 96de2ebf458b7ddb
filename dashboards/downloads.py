"""Every table can leave the dashboard as CSV or Excel."""

import io

import pandas as pd
import streamlit as st


def download_buttons(frame: pd.DataFrame, file_stem: str) -> None:
    csv_column, excel_column, _ = st.columns([1, 1, 6])
    # utf-8-sig: Excel on Chinese Windows opens a BOM-marked CSV with the right encoding.
    csv_column.download_button(
        "下载 CSV", frame.to_csv(index=False).encode("utf-8-sig"), f"{file_stem}.csv", "text/csv", key=f"{file_stem}-csv"
    )
    workbook = io.BytesIO()
    frame.to_excel(workbook, index=False, engine="xlsxwriter")
    excel_column.download_button(
        "下载 Excel",
        workbook.getvalue(),
        f"{file_stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{file_stem}-xlsx",
    )
