"""The JSON the API answers with, declared for OpenAPI (field names as in the extraction schema)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Agency", "AgencyList", "AgencyTask", "AgencyTasks", "Campaign", "CampaignDetail", "CampaignList",
    "CampaignMention", "CitedBy", "Document", "DocumentCampaign", "DocumentDetail", "DocumentList", "Evidence",
    "Lineage", "LineageNode", "Link", "Path", "Problem", "Reference", "Related", "RelatedList", "Stats", "Target",
    "Task", "TaskList", "Validation",
]

Relation = Literal["based_on", "implements", "guides", "amends", "replaces", "repeals", "cites"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Document(_Model):
    key: str = Field(examples=["lao-cai/2024/01-ct-ubnd"])
    iri: str
    type: str | None = Field(examples=["Chỉ thị"])
    number: str | None = Field(description="số, ký hiệu", examples=["01/CT-UBND"])
    date: str | None = Field(description="ISO date", examples=["2024-01-19"])
    year: int | None
    issuer: str | None
    scope: str | None = Field(description="'VN' or a province", examples=["Lào Cai"])
    title: str | None = Field(description="trích yếu")
    stub: bool = Field(description="known only from citations: no source text in the store")
    source: str | None = Field(description="the file the document was read from")


class Evidence(_Model):
    source: str | None = Field(description="file the sentence is in")
    start: int = Field(description="start offset of the cited part in the original file")
    end: int
    text: str | None = Field(description="the sentence")
    mention: str | None = Field(description="the cited part, as cleaned")


class LinkEvidence(Evidence):
    relation: Relation


class Reference(_Model):
    target: Document
    relation: Relation
    evidence: Evidence


class CitedBy(_Model):
    source: Document
    relation: Relation
    evidence: Evidence


class Agency(_Model):
    key: str = Field(examples=["lai-chau/so-noi-vu"])
    name: str | None
    scope: str | None


class Task(_Model):
    text: str | None
    lead: list[Agency]
    partners: list[Agency]
    due: str | None = Field(description="thời gian thực hiện as written ('Tháng 3', 'Thường xuyên')")
    due_by: str | None = Field(description="the last day it is due (ISO date; a month's last day)")
    evidence: Evidence


class Target(_Model):
    indicator: str
    comparator: str | None
    value: float | None
    unit: str | None
    evidence: Evidence


class DocumentCampaign(_Model):
    key: str
    name: str
    relation: Literal["launches", "mentions"]
    period: str | None
    evidence: Evidence


class DocumentDetail(Document):
    references: list[Reference]
    cited_by: list[CitedBy] = Field(description="the first citing statements (see cited_by_count)")
    cited_by_count: int = Field(description="how many citing statements there are")
    campaigns: list[DocumentCampaign]
    tasks: list[Task]
    targets: list[Target]
    recipients: list[Agency]


class DocumentList(_Model):
    items: list[Document]
    count: int


class Related(Document):
    depth: int = Field(description="citations away from the document asked about")
    relation: Relation | None = Field(description="the relation of its link one step nearer that document")
    via: list[str] = Field(description="keys of the documents of the answer (or the one asked about) it links to")


class RelatedList(_Model):
    items: list[Related] = Field(description="nearest first, then by key: a page of at most `limit`")
    count: int = Field(description="the related documents in all")


class LineageNode(Document):
    level: int = Field(description="rank for a top-down drawing: 0 at the top (constitution, laws)")


class Link(_Model):
    source: str = Field(description="key of the citing document")
    target: str = Field(description="key of the cited document")
    relation: Relation
    evidence: list[LinkEvidence]


class Lineage(_Model):
    nodes: list[LineageNode]
    links: list[Link]


class Path(Lineage):
    found: bool


class Campaign(_Model):
    key: str
    name: str
    documents: int
    scopes: list[str]
    launched_by: list[Document]


class CampaignList(_Model):
    items: list[Campaign]


class CampaignMention(_Model):
    document: Document
    relation: Literal["launches", "mentions"]
    period: str | None
    evidence: Evidence


class CampaignDetail(Campaign):
    mentions: list[CampaignMention]


class AgencyWithTasks(Agency):
    tasks: int


class AgencyList(_Model):
    items: list[AgencyWithTasks]
    count: int


class ListedTask(_Model):
    text: str | None
    due: str | None = Field(description="as written")
    due_by: str | None = Field(description="ISO date")
    evidence: Evidence
    document: Document


class AgencyTask(ListedTask):
    role: Literal["lead", "partner"]


class AgencyTasks(_Model):
    agency: Agency
    items: list[AgencyTask]
    count: int


class TaskList(_Model):
    items: list[ListedTask]
    count: int


class Counts(_Model):
    documents: int
    stubs: int
    citations: int
    campaigns: int
    agencies: int
    quads: int


class CitedDocument(Document):
    cited_by: int


class Stats(_Model):
    counts: Counts
    most_cited: list[CitedDocument]
    orphan_directives: list[Document] = Field(description="directives and plans no document implements yet")
    stubs: list[CitedDocument] = Field(description="cited documents not in the store, most cited first")


class Message(_Model):
    vi: str
    en: str


class Finding(_Model):
    document: str
    severity: str
    focus: str
    path: str | None
    shape: str | None
    message: Message


class Validation(_Model):
    conforms: bool
    documents: int
    violations: int
    warnings: int
    findings: list[Finding]


class FieldError(_Model):
    field: str = Field(description="where: query.year, path.key, body …", examples=["query.year"])
    message: str


class Problem(BaseModel):
    """An error (RFC 9457 ``application/problem+json``): what went wrong in Vietnamese and English."""

    model_config = ConfigDict(extra="allow")  # a problem may say more: the candidates, the violations …

    type: str = Field("about:blank")
    title: str = Field(examples=["Not Found"])
    status: int = Field(ge=400, le=599)
    detail: str = Field(description="Vietnamese / English", examples=[
        "không tìm thấy văn bản 'x' / no document 'x'"])
    errors: list[FieldError] | None = Field(None, description="the invalid parameters (422)")
    candidates: list[str] | None = Field(None, description="the documents a number names (409)")
