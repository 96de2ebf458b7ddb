from orchestration.documents.paragraphs import enclosing_paragraph


def test_the_paragraph_is_the_line_around_the_quote():
    text = "一、总体要求\n到2025年，签约率达到75%。力争全覆盖。\n二、保障措施"
    start = text.index("签约率")
    paragraph, offset = enclosing_paragraph(text, start, start + 9)
    assert paragraph == "到2025年，签约率达到75%。力争全覆盖。"
    assert paragraph[offset:offset + 3] == "签约率"


def test_a_quote_on_the_last_line_runs_to_the_end():
    paragraph, offset = enclosing_paragraph("标题\n最后一段75%", 5, 8)
    assert (paragraph, offset) == ("最后一段75%", 2)
