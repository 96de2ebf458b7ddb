from orchestration.documents.structure import clause_at, parse_clauses, responsible_units_in


def test_jiayuguan_tree_skips_no_level_and_numbers_1_to_27_across_sections(processed):
    clauses = {clause.clause_id: clause for clause in processed["jiayuguan"].clauses}
    assert [c.marker for c in processed["jiayuguan"].clauses if c.level == 1] == ["一、", "二、", "三、"]
    assert clauses["2.4"].marker == "(四)" and clauses["2.4"].heading == "促进优质医疗资源均衡布局"
    # 14. sits under (四), which sits under 二、
    fourteen = clauses["2.4.2"]
    assert (fourteen.marker, fourteen.level, fourteen.parent_id) == ("14.", 3, "2.4")
    assert fourteen.heading == "加快推进分级诊疗体系建设"
    assert fourteen.responsible_units == ("市卫生健康委", "市发展改革委", "市人社局", "市医保局")


def test_spans_nest_and_map_to_the_original(processed):
    document = processed["shanxi"]
    by_id = {clause.clause_id: clause for clause in document.clauses}
    for clause in document.clauses:
        if clause.parent_id:
            parent = by_id[clause.parent_id]
            assert parent.start <= clause.start < clause.end <= parent.end
        assert document.cleaned.text[clause.start : clause.start + len(clause.marker)] == clause.marker
        assert clause.source_start <= clause.source_end


def test_labelled_units_and_the_note_after_them(processed):
    clauses = {clause.clause_id: clause for clause in processed["shanxi"].clauses}
    assert clauses["2.1.1"].responsible_units == ("省卫健委", "省教育厅", "省财政厅", "省人社厅")
    assert clauses["2.3.2"].responsible_units == ("省科技厅", "省卫健委", "省财政厅", "省药监局")


def test_inline_items_belong_to_their_paragraph(processed):
    clauses = processed["baoding"].clauses
    inline = [c for c in clauses if c.marker == "一是"]
    assert inline and all(c.level >= 2 for c in inline)
    first = inline[0]
    assert first.heading == "强化组织领导"
    assert "\n" not in processed["baoding"].cleaned.text[first.start : first.end].strip()


def test_units_are_inherited_from_the_nearest_ancestor_that_states_them():
    text = (
        "一、总体要求\n"
        "(一)强化基层。(责任单位:市卫健委、市财政局)\n"
        "1.建设中心。到2025年建成10个。\n"
        "2.培养人才。(市人社局牵头，市教育局配合)\n"
        "(二)加强保障。\n"
    )
    clauses = {c.marker: c for c in parse_clauses(text)}
    assert clauses["(一)"].responsible_units == ("市卫健委", "市财政局")
    assert clauses["1."].responsible_units == ("市卫健委", "市财政局") and clauses["1."].units_from == clauses["(一)"].clause_id
    assert clauses["2."].responsible_units == ("市人社局", "市教育局") and clauses["2."].units_from == clauses["2."].clause_id
    assert clauses["(二)"].responsible_units == () and clauses["(二)"].units_from is None
    assert clause_at(list(clauses.values()), text.index("建成10个")).marker == "1."


def test_out_of_sequence_numbers_are_not_headings():
    clauses = parse_clauses("一、目标\n3.5万人次的服务量。\n1.第一项\n2.第二项\n")
    assert [c.marker for c in clauses] == ["一、", "1.", "2."]


def test_responsibility_phrasings():
    assert responsible_units_in("(各相关部门按职责分工负责)") == ("各相关部门",)
    assert responsible_units_in("(牵头单位:县卫健委；配合单位:县财政局)") == ("县卫健委", "县财政局")
    assert responsible_units_in("(市医保局、市卫生健康委等按职责分工负责)") == ("市医保局", "市卫生健康委")
