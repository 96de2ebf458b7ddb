"""The four monitoring feeds: what their files look like and what a loaded row is.

One FeedSpec per feed is the single definition the generator writes from, the readers and
validation check against, and docs/feeds/<feed>.md describes. A column has a canonical name
(the accepted schema, snake_case English for dbt) and the header a real file carries
(Chinese where a 卫健委 template has it; `group/leaf` for the two-row Excel header; the JSON
key for the platform API).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import polars as pl


class Kind(StrEnum):
    TEXT = "text"
    INSTITUTION = "institution"  # an institution code, or a name the alias table resolves
    DATE = "date"
    DATETIME = "datetime"
    MONTH = "month"
    YEAR = "year"
    COUNT = "count"
    PERCENT = "percent"  # 0-100; `85%` as text is accepted
    FLAG = "flag"  # 1/0, 是/否, true/false
    CODE = "code"  # one of Column.codes


class Applies(StrEnum):
    """Which rows must fill a column; elsewhere a blank is simply 'not applicable'."""

    ALL = "all"
    OPTIONAL = "optional"
    HEALTH_CENTRES = "health_centres"  # 乡镇卫生院 and 社区卫生服务中心
    TOWNSHIP_HEALTH_CENTRES = "township_health_centres"
    CONSORTIUM_LEADS = "consortium_leads"  # hospitals leading a 医联体 / 医共体
    RESULT_WITH_PRIOR = "result_with_prior"  # mutual recognition: only when an earlier result existed


_DTYPES: dict[Kind, pl.DataType] = {
    Kind.TEXT: pl.String(),
    Kind.INSTITUTION: pl.String(),
    Kind.DATE: pl.Date(),
    Kind.DATETIME: pl.Datetime("us"),
    Kind.MONTH: pl.Date(),  # first day of the month
    Kind.YEAR: pl.Int32(),
    Kind.COUNT: pl.Int64(),
    Kind.PERCENT: pl.Float64(),
    Kind.FLAG: pl.Boolean(),
    Kind.CODE: pl.String(),
}


@dataclass(frozen=True)
class Column:
    name: str
    header: str
    kind: Kind
    description: str
    applies: Applies = Applies.ALL
    codes: tuple[str, ...] = ()

    @property
    def dtype(self) -> pl.DataType:
        return _DTYPES[self.kind]


@dataclass(frozen=True)
class RatioCheck:
    """A part that can never exceed its whole (reason `numerator_exceeds_denominator`)."""

    numerator: str
    denominator: str


@dataclass(frozen=True)
class FeedSpec:
    name: str
    title: str  # the feed's name inside file names
    file_format: str  # csv | xlsx | jsonl
    encoding: str
    cadence: str  # monthly | yearly
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # a later row with the same key replaces an earlier one
    institution_column: str
    period_column: str  # must fall in the file's month / year, else `unknown_month`
    ratio_checks: tuple[RatioCheck, ...] = ()
    # `within`: the period column lies in the file's period; `not_after`: it may be earlier
    # (contracts still in force are re-reported), never later.
    period_rule: str = "within"

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)

    @property
    def accepted_schema(self) -> dict[str, pl.DataType]:
        """Columns and types of `FeedFileLoad.accepted` for this feed, lineage first."""
        return {**LINEAGE_SCHEMA, **{column.name: column.dtype for column in self.columns}}


# Where every accepted or quarantined row came from. `delivered_on`, `source_file` and
# `source_row` order submissions: for one key the latest of them wins.
LINEAGE_SCHEMA: dict[str, pl.DataType] = {
    "feed": pl.String(),
    "source_file": pl.String(),
    "source_row": pl.Int64(),  # physical line (CSV, JSONL) or sheet row (Excel), 1-based
    "delivered_on": pl.Date(),
    "period": pl.String(),  # the file's period: `2024-03`, or `2024` for yearly feeds
    "institution_matched_by": pl.String(),  # `code`, or `alias` when a name stood in for the code
}

QUARANTINE_SCHEMA: dict[str, pl.DataType] = {
    "feed": pl.String(),
    "source_file": pl.String(),
    "source_row": pl.Int64(),
    "delivered_on": pl.Date(),
    "period": pl.String(),
    "reason": pl.String(),
    "column": pl.String(),  # canonical name of the offending column, when one is to blame
    "message": pl.String(),
    "raw_record": pl.String(),  # the row as received: JSON object of header -> text
}

KEY_POPULATION_COLUMNS = (
    Column("is_elderly_65", "65岁及以上老年人", Kind.FLAG, "65岁及以上老年人 (1/0)"),
    Column("has_hypertension", "高血压患者", Kind.FLAG, "高血压患者 (1/0)"),
    Column("has_type2_diabetes", "2型糖尿病患者", Kind.FLAG, "2型糖尿病患者 (1/0)"),
    Column("is_maternal", "孕产妇", Kind.FLAG, "孕产妇 (1/0)"),
    Column("is_child_0_6", "0-6岁儿童", Kind.FLAG, "0-6岁儿童 (1/0)"),
    Column("is_disabled", "残疾人", Kind.FLAG, "残疾人 (1/0)"),
    Column("has_severe_mental_disorder", "严重精神障碍患者", Kind.FLAG, "严重精神障碍患者 (1/0)"),
    Column("has_tuberculosis", "肺结核患者", Kind.FLAG, "肺结核患者 (1/0)"),
)

FAMILY_DOCTOR_CONTRACTS = FeedSpec(
    name="family_doctor_contracts",
    title="家庭医生签约记录",
    file_format="csv",
    encoding="gbk",
    cadence="monthly",
    columns=(
        Column("contract_id", "签约协议号", Kind.TEXT, "签约协议编号, unique per contract (a renewal is a new contract)"),
        Column("resident_id", "居民健康档案号", Kind.TEXT, "17-digit 健康档案号: township code + serial"),
        Column("institution_id", "签约机构编码", Kind.INSTITUTION, "12-digit code of the institution the team belongs to"),
        Column("team_id", "签约团队编码", Kind.TEXT, "family-doctor team: institution code + '-' + team number"),
        Column("start_date", "协议生效日期", Kind.DATE, "first day the contract is in force"),
        Column("end_date", "协议到期日期", Kind.DATE, "last day in force; a contract lapses unless renewed"),
        *KEY_POPULATION_COLUMNS,
    ),
    key=("contract_id",),
    institution_column="institution_id",
    period_column="start_date",
    period_rule="not_after",
)

ITEM_CLASSES = ("检验", "影像", "超声", "心电")
RECOGNITION_RESULTS = ("互认", "重复检查")

MUTUAL_RECOGNITION_EVENTS = FeedSpec(
    name="mutual_recognition_events",
    title="检查检验互认事件",
    file_format="jsonl",
    encoding="utf-8",
    cadence="monthly",
    columns=(
        Column("event_id", "eventId", Kind.TEXT, "platform event id; a re-sent event with the same id is a correction"),
        Column("institution_id", "orgCode", Kind.INSTITUTION, "ordering institution"),
        Column("patient_id", "patientId", Kind.TEXT, "健康档案号 of the patient"),
        Column("item_class", "itemClass", Kind.CODE, "检验 / 影像 / 超声 / 心电", codes=ITEM_CLASSES),
        Column("item_name", "itemName", Kind.TEXT, "ordered item, e.g. 血常规, 胸部CT", applies=Applies.OPTIONAL),
        Column("ordered_at", "orderedAt", Kind.DATETIME, "when the item was ordered (local time, ISO 8601)"),
        Column("has_prior_result", "priorResultExists", Kind.FLAG, "an earlier valid result from another institution existed"),
        Column("prior_institution_id", "priorOrgCode", Kind.TEXT, "institution of the earlier result (may lie outside the region)",
               applies=Applies.OPTIONAL),
        Column("recognition_result", "recognitionResult", Kind.CODE, "互认 (recognised) or 重复检查 (repeated); only with a prior result",
               applies=Applies.RESULT_WITH_PRIOR, codes=RECOGNITION_RESULTS),
    ),
    key=("event_id",),
    institution_column="institution_id",
    period_column="ordered_at",
)

_COUNT = Kind.COUNT
INSTITUTION_MONTHLY_REPORTS = FeedSpec(
    name="institution_monthly_reports",
    title="医疗机构运行监测月报",
    file_format="xlsx",
    encoding="xlsx",
    cadence="monthly",
    columns=(
        Column("institution_id", "机构编码", Kind.INSTITUTION, "12-digit institution code"),
        Column("institution_name", "机构名称", Kind.TEXT, "as typed by the reporter; informative only", applies=Applies.OPTIONAL),
        Column("month", "报告月份", Kind.MONTH, "reporting month, YYYY-MM"),
        Column("visits", "诊疗人次/本机构", _COUNT, "outpatient and emergency visits at the institution"),
        Column("visits_county_residents", "诊疗人次/其中本县(区)居民", _COUNT, "of which by residents of the institution's county"),
        Column("visits_subordinate_units", "诊疗人次/所辖村卫生室(服务站)", _COUNT,
               "visits at the village clinics / community stations the centre manages (乡村一体化)", applies=Applies.HEALTH_CENTRES),
        Column("visits_out_of_county", "县域外就诊/本医共体(医联体)居民县外就诊人次", _COUNT,
               "visits of the consortium's residents outside the county, from 医保 settlement; filed by the lead hospital",
               applies=Applies.CONSORTIUM_LEADS),
        Column("opd_slots_total", "门诊号源/号源总数", _COUNT, "outpatient slots the lead hospital released", applies=Applies.CONSORTIUM_LEADS),
        Column("opd_slots_to_members", "门诊号源/向成员单位开放数", _COUNT, "of which bookable by member institutions",
               applies=Applies.CONSORTIUM_LEADS),
        Column("referrals_up", "双向转诊/上转人次", _COUNT, "patients referred to a higher level"),
        Column("referrals_down", "双向转诊/下转人次", _COUNT, "patients referred down to primary care"),
        Column("remote_consultations", "远程医疗/远程会诊人次", _COUNT, "remote consultations requested or delivered"),
        Column("hypertension_registered", "高血压/登记管理数", _COUNT, "registered hypertension patients (period end)",
               applies=Applies.HEALTH_CENTRES),
        Column("hypertension_managed", "高血压/规范管理数", _COUNT, "of which under standardised management",
               applies=Applies.HEALTH_CENTRES),
        Column("diabetes_registered", "2型糖尿病/登记管理数", _COUNT, "registered type-2 diabetes patients (period end)",
               applies=Applies.HEALTH_CENTRES),
        Column("diabetes_managed", "2型糖尿病/规范管理数", _COUNT, "of which under standardised management",
               applies=Applies.HEALTH_CENTRES),
        Column("village_doctors", "乡村医生/在岗乡村医生数", _COUNT, "village doctors at post in the township (period end)",
               applies=Applies.TOWNSHIP_HEALTH_CENTRES),
        Column("shared_lab_uses", "共享中心服务量/检验", _COUNT, "items sent to the consortium's shared laboratory",
               applies=Applies.HEALTH_CENTRES),
        Column("shared_ecg_uses", "共享中心服务量/心电", _COUNT, "ECGs read by the shared ECG centre", applies=Applies.HEALTH_CENTRES),
        Column("shared_imaging_uses", "共享中心服务量/影像", _COUNT, "images read by the shared imaging centre",
               applies=Applies.HEALTH_CENTRES),
    ),
    key=("institution_id", "month"),
    institution_column="institution_id",
    period_column="month",
    ratio_checks=(
        RatioCheck("visits_county_residents", "visits"),
        RatioCheck("opd_slots_to_members", "opd_slots_total"),
        RatioCheck("hypertension_managed", "hypertension_registered"),
        RatioCheck("diabetes_managed", "diabetes_registered"),
    ),
)

RATINGS = ("未达标", "基本标准", "推荐标准", "社区医院")

SERVICE_CAPACITY_ASSESSMENTS = FeedSpec(
    name="service_capacity_assessments",
    title="优质服务基层行评价结果",
    file_format="csv",
    encoding="gbk",
    cadence="yearly",
    columns=(
        Column("institution_id", "机构编码", Kind.INSTITUTION, "12-digit code of the 乡镇卫生院 / 社区卫生服务中心"),
        Column("institution_name", "机构名称", Kind.TEXT, "as typed by the reporter; informative only", applies=Applies.OPTIONAL),
        Column("year", "评价年度", Kind.YEAR, "assessment year"),
        Column("rating", "评价结论", Kind.CODE, "未达标 < 基本标准 < 推荐标准 < 社区医院", codes=RATINGS),
        Column("basic_standard_score", "基本标准符合率(%)", Kind.PERCENT, "share of basic-standard items met, 0-100"),
        Column("recommended_standard_score", "推荐标准符合率(%)", Kind.PERCENT, "share of recommended-standard items met, 0-100"),
    ),
    key=("institution_id", "year"),
    institution_column="institution_id",
    period_column="year",
)

FEEDS: dict[str, FeedSpec] = {
    spec.name: spec
    for spec in (FAMILY_DOCTOR_CONTRACTS, MUTUAL_RECOGNITION_EVENTS, INSTITUTION_MONTHLY_REPORTS, SERVICE_CAPACITY_ASSESSMENTS)
}
FEEDS_BY_TITLE: dict[str, FeedSpec] = {spec.title: spec for spec in FEEDS.values()}
