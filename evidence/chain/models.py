"""Tables of the evidence chain (all prefixed ``chain_``).

Structured rows (pedimentos, partidas, invoices, CFDI, B/Ls) are rebuilt from a document's newest extraction
with people's corrections on top; the corrections table keeps the machine value beside the corrected one. Lots
and export lines are derived from partidas, keep their ids for ever (rows are deactivated, never deleted) and
carry a digest and a revision so that a discharge run can tell what changed since the last one. Discharge
runs, their consumption lines and uncovered quantities are written once and never updated.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from evidence.chain.lot_list import DOC_LINK_KINDS as DOC_LINK_KINDS  # defined without SQLAlchemy
from evidence.db import Base, JSONType
from evidence.models import utcnow

Qty = Numeric(24, 8)


class Part(Base):
    """The catalogue: material or product part numbers of a company."""

    __tablename__ = "chain_parts"
    __table_args__ = (UniqueConstraint("company_id", "part_number", name="uq_chain_parts_company_part"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    part_number: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))  # material | product
    unit: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)
    tariff_code: Mapped[str | None] = mapped_column(String(10))


class Pedimento(Base):
    __tablename__ = "chain_pedimentos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), unique=True)
    extraction_id: Mapped[int | None] = mapped_column(Integer)
    pedimento_number: Mapped[str | None] = mapped_column(String(15), index=True)
    operation_type: Mapped[str | None] = mapped_column(String(3))
    clave: Mapped[str | None] = mapped_column(String(2))
    regimen: Mapped[str | None] = mapped_column(String(3))
    customs_office: Mapped[str | None] = mapped_column(String(3))
    importer_exporter_rfc: Mapped[str | None] = mapped_column(String(13))
    entry_date: Mapped[date | None] = mapped_column(Date)
    payment_date: Mapped[date | None] = mapped_column(Date)
    presentation_date: Mapped[date | None] = mapped_column(Date)
    usd_value: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))
    gross_weight_kg: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))
    # values the chain needs but cannot read: [{"field", "line_index", "sequence", "value", "type"}]
    unusable: Mapped[Any] = mapped_column(JSONType, nullable=True)


class Partida(Base):
    __tablename__ = "chain_partidas"
    __table_args__ = (UniqueConstraint("pedimento_id", "sequence", name="uq_chain_partidas_pedimento_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pedimento_id: Mapped[int] = mapped_column(ForeignKey("chain_pedimentos.id"))
    line_index: Mapped[int] = mapped_column(Integer)  # position in the extraction's lines
    sequence: Mapped[int] = mapped_column(Integer)
    present: Mapped[bool] = mapped_column(Boolean, default=True)  # false once a newer extraction drops it
    tariff_code: Mapped[str | None] = mapped_column(String(10))
    nico: Mapped[str | None] = mapped_column(String(2))
    description: Mapped[str | None] = mapped_column(Text)
    umc: Mapped[str | None] = mapped_column(String(10))
    umc_quantity: Mapped[Decimal | None] = mapped_column(Qty)
    umt: Mapped[str | None] = mapped_column(String(10))
    umt_quantity: Mapped[Decimal | None] = mapped_column(Qty)
    customs_value_mxn: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))
    paid_price_mxn: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))
    printed_part_number: Mapped[str | None] = mapped_column(String(100))  # CÓDIGO PRODUCTO


class Invoice(Base):
    __tablename__ = "chain_invoices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), unique=True)
    invoice_number: Mapped[str | None] = mapped_column(String(60), index=True)
    invoice_date: Mapped[date | None] = mapped_column(Date)
    seller_name: Mapped[str | None] = mapped_column(String(255))
    buyer_name: Mapped[str | None] = mapped_column(String(255))
    currency: Mapped[str | None] = mapped_column(String(3))
    total_amount: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))


class InvoiceLine(Base):
    __tablename__ = "chain_invoice_lines"
    __table_args__ = (UniqueConstraint("invoice_id", "line_index", name="uq_chain_invoice_lines_idx"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("chain_invoices.id"))
    line_index: Mapped[int] = mapped_column(Integer)
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    part_number: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    quantity: Mapped[Decimal | None] = mapped_column(Qty)
    unit: Mapped[str | None] = mapped_column(String(20))
    unit_price: Mapped[Decimal | None] = mapped_column(Numeric(20, 6))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))
    tariff_code: Mapped[str | None] = mapped_column(String(10))


class Cfdi(Base):
    __tablename__ = "chain_cfdis"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), unique=True)
    uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    cfdi_type: Mapped[str | None] = mapped_column(String(1))
    issue_date: Mapped[date | None] = mapped_column(Date)
    issuer_rfc: Mapped[str | None] = mapped_column(String(13))
    receiver_rfc: Mapped[str | None] = mapped_column(String(13))
    export_code: Mapped[str | None] = mapped_column(String(2))
    cce_pedimento_clave: Mapped[str | None] = mapped_column(String(2))
    total: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))


class CfdiConcepto(Base):
    __tablename__ = "chain_cfdi_conceptos"
    __table_args__ = (UniqueConstraint("cfdi_id", "line_index", name="uq_chain_cfdi_conceptos_idx"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cfdi_id: Mapped[int] = mapped_column(ForeignKey("chain_cfdis.id"))
    line_index: Mapped[int] = mapped_column(Integer)
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    part_number: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    quantity: Mapped[Decimal | None] = mapped_column(Qty)
    unit: Mapped[str | None] = mapped_column(String(20))
    tariff_code: Mapped[str | None] = mapped_column(String(10))
    customs_quantity: Mapped[Decimal | None] = mapped_column(Qty)
    customs_unit: Mapped[str | None] = mapped_column(String(10))
    usd_value: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))


class BillOfLading(Base):
    __tablename__ = "chain_bls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), unique=True)
    bl_number: Mapped[str | None] = mapped_column(String(60), index=True)
    bl_kind: Mapped[str | None] = mapped_column(String(10))
    issue_date: Mapped[date | None] = mapped_column(Date)
    package_count: Mapped[Decimal | None] = mapped_column(Qty)
    gross_weight_kg: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))


class BlContainer(Base):
    __tablename__ = "chain_bl_containers"
    __table_args__ = (UniqueConstraint("bl_id", "line_index", name="uq_chain_bl_containers_idx"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bl_id: Mapped[int] = mapped_column(ForeignKey("chain_bls.id"))
    line_index: Mapped[int] = mapped_column(Integer)
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    container_number: Mapped[str | None] = mapped_column(String(11))
    seal_number: Mapped[str | None] = mapped_column(String(40))
    package_count: Mapped[Decimal | None] = mapped_column(Qty)
    gross_weight_kg: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))


class DocumentKey(Base):
    """A key a document carries: its own identifier (role ``self``) or one that points elsewhere (``ref``)."""

    __tablename__ = "chain_document_keys"
    __table_args__ = (Index("ix_chain_document_keys_lookup", "company_id", "kind", "value"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    doc_type: Mapped[str] = mapped_column(String(30))
    role: Mapped[str] = mapped_column(String(4))  # self | ref
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(100))


class Correction(Base):
    """A person's correction of one extracted value; the machine value stays beside it. Never updated."""

    __tablename__ = "chain_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    line_index: Mapped[int | None] = mapped_column(Integer)  # None: a header field
    field: Mapped[str] = mapped_column(String(60))
    machine_value: Mapped[Any] = mapped_column(JSONType, nullable=True)
    corrected_value: Mapped[Any] = mapped_column(JSONType, nullable=True)
    extraction_id: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(320))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Link(Base):
    """Why two documents (or a partida and a part number) belong together: the key and rule, or the person."""

    __tablename__ = "chain_links"
    __table_args__ = (Index("ix_chain_links_company_kind", "company_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))  # invoice_pedimento | bl_pedimento | cfdi_pedimento | partida_part
    from_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    to_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    partida_id: Mapped[int | None] = mapped_column(ForeignKey("chain_partidas.id"), index=True)
    part_number: Mapped[str | None] = mapped_column(String(100))
    key_kind: Mapped[str | None] = mapped_column(String(30))
    key_value: Mapped[str | None] = mapped_column(String(200))
    rule: Mapped[str] = mapped_column(String(40))  # the rule's name, or "person"
    actor: Mapped[str] = mapped_column(String(320))
    # how sure the rule is (None: a person's link, or one made before rules said) and the evidence it weighed,
    # e.g. ["tariff", "quantity", "value"] (``evidence.chain.matching``)
    confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    evidence: Mapped[Any] = mapped_column(JSONType, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    undone_by: Mapped[str | None] = mapped_column(String(320))
    undo_reason: Mapped[str | None] = mapped_column(Text)

    @property
    def active(self) -> bool:
        return self.undone_at is None


class BomImport(Base):
    __tablename__ = "chain_bom_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    filename: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(320))
    row_count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class BomVersionRow(Base):
    """One version of a product's BOM. Never edited: a later import adds a version that takes over."""

    __tablename__ = "chain_bom_versions"
    __table_args__ = (Index("ix_chain_bom_versions_product", "company_id", "product"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    import_id: Mapped[int] = mapped_column(ForeignKey("chain_bom_imports.id"))
    product: Mapped[str] = mapped_column(String(100))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    content_hash: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(64))
    rev: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class BomLine(Base):
    __tablename__ = "chain_bom_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("chain_bom_versions.id"), index=True)
    component: Mapped[str] = mapped_column(String(100))
    quantity_per_unit: Mapped[Decimal] = mapped_column(Qty)
    unit: Mapped[str] = mapped_column(String(20))
    scrap_pct: Mapped[Decimal] = mapped_column(Numeric(10, 4), default=Decimal(0))


class LotRow(Base):
    """One import lot per (import pedimento, partida, part number); ``part_number`` is None while it waits
    for a clerk. ``rev`` is the company counter value of its last content change."""

    __tablename__ = "chain_lots"
    __table_args__ = (
        UniqueConstraint("partida_id", name="uq_chain_lots_partida"),
        Index("ix_chain_lots_company_rev", "company_id", "rev"),
        Index("ix_chain_lots_company_start", "company_id", "start_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    partida_id: Mapped[int | None] = mapped_column(ForeignKey("chain_partidas.id"))
    pedimento_id: Mapped[int | None] = mapped_column(ForeignKey("chain_pedimentos.id"), index=True)
    pedimento_number: Mapped[str] = mapped_column(String(15))
    sequence: Mapped[int] = mapped_column(Integer)
    part_number: Mapped[str | None] = mapped_column(String(100))
    tariff_code: Mapped[str | None] = mapped_column(String(10))
    description: Mapped[str | None] = mapped_column(Text)
    clave: Mapped[str] = mapped_column(String(2))
    start_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    unit: Mapped[str] = mapped_column(String(10))
    quantity: Mapped[Decimal] = mapped_column(Qty)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    digest: Mapped[str] = mapped_column(String(64))
    rev: Mapped[int] = mapped_column(BigInteger)
    created_rev: Mapped[int] = mapped_column(BigInteger)


class ExportLineRow(Base):
    """One export partida (or change of regime) that discharges lots."""

    __tablename__ = "chain_export_lines"
    __table_args__ = (
        UniqueConstraint("partida_id", name="uq_chain_export_lines_partida"),
        Index("ix_chain_export_lines_company_rev", "company_id", "rev"),
        Index("ix_chain_export_lines_company_date", "company_id", "export_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    partida_id: Mapped[int | None] = mapped_column(ForeignKey("chain_partidas.id"))
    pedimento_id: Mapped[int | None] = mapped_column(ForeignKey("chain_pedimentos.id"), index=True)
    pedimento_number: Mapped[str] = mapped_column(String(15))
    sequence: Mapped[int] = mapped_column(Integer)
    clave: Mapped[str] = mapped_column(String(2))
    export_date: Mapped[date] = mapped_column(Date)
    part_number: Mapped[str | None] = mapped_column(String(100))
    quantity: Mapped[Decimal] = mapped_column(Qty)
    unit: Mapped[str] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    digest: Mapped[str] = mapped_column(String(64))
    rev: Mapped[int] = mapped_column(BigInteger)
    created_rev: Mapped[int] = mapped_column(BigInteger)


class ChainCounter(Base):
    """A per-company revision counter: each change to lots, export lines or BOMs takes the next value."""

    __tablename__ = "chain_counters"

    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), primary_key=True)
    rev: Mapped[int] = mapped_column(BigInteger, default=0)


class DischargeRun(Base):
    """An immutable discharge run. A continued run (``parent_run_id``) holds only its own new consumption
    lines; its full set is its own plus its ancestors'."""

    __tablename__ = "chain_discharge_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    parent_run_id: Mapped[int | None] = mapped_column(ForeignKey("chain_discharge_runs.id"))
    mode: Mapped[str] = mapped_column(String(12))  # full | incremental
    actor: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    algorithm_version: Mapped[str] = mapped_column(String(20))
    input_hash: Mapped[str] = mapped_column(String(64))
    input_digest: Mapped[dict[str, Any]] = mapped_column(JSONType)
    input_rev: Mapped[int] = mapped_column(BigInteger)
    as_of: Mapped[date] = mapped_column(Date)
    lot_count: Mapped[int] = mapped_column(Integer)
    export_line_count: Mapped[int] = mapped_column(Integer)
    consumption_count: Mapped[int] = mapped_column(Integer)
    uncovered_count: Mapped[int] = mapped_column(Integer)
    cursor: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    state: Mapped[bytes] = mapped_column(LargeBinary)  # zlib(JSON {lot_id: consumed}) after this run


class ConsumptionRow(Base):
    """One consumption line of a run. Written in bulk (COPY) by the million: no foreign keys, and the primary
    key (run, lot, export line, component) is the only index."""

    __tablename__ = "chain_consumptions"

    run_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lot_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    export_line_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    component: Mapped[str] = mapped_column(String(100), primary_key=True)
    bom_version_id: Mapped[int | None] = mapped_column(Integer)
    quantity: Mapped[Decimal] = mapped_column(Qty)


class UncoveredRow(Base):
    __tablename__ = "chain_uncovered"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("chain_discharge_runs.id"), index=True)
    export_line_id: Mapped[int] = mapped_column(Integer)
    part_number: Mapped[str] = mapped_column(String(100))
    required_quantity: Mapped[Decimal] = mapped_column(Qty)
    covered_quantity: Mapped[Decimal] = mapped_column(Qty)
    uncovered_quantity: Mapped[Decimal] = mapped_column(Qty)
    unit: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(20))
