"""Bills of lading: an ocean carrier's B/L (boxed form, containers with seals), a US straight bill of lading
for truck freight (VICS short form), and three ocean arrangements that randomise what varies between carriers
(``bills_varied``): ``manifest``, ``seaway``, ``blocks``, ``combined``, ``list``, ``express``, ``short``,
``conocimiento``; three drawn after the forms carriers and forwarders print (``bills_carriers``): ``particulars``,
``stacked``, ``house``, and a Mexican road carrier's printed bill, ``roadbill``; held out in round 4
(``bills_round4``), ``carrier`` (a large ocean carrier's multimodal B/L) and ``linehaul`` (a cross-border truck or
rail bill with weights in pounds and kilograms); held out in round 5 (``bills_round5``), ``waybill`` (an NVOCC's
house sea waybill with a container table) and ``cartaporte`` (a Mexican carrier's Carta Porte printout for the
inland leg); held out in round 6 (``bills_round6``), ``original`` (a liner's original B/L whose containers are
paragraphs of free text) and ``ferro`` (a Mexican railway's waybill); held out in round 7 (``bills_round7``),
``vgm`` (a liner's B/L with each container's tare and verified gross mass beside the cargo weight) and ``cruce`` (a
border transfer carrier's bilingual crossing manifest); held out in round 8 (``bills_round8``), ``cotejo`` (a
liner portal's draft B/L for the shipper's verification, sections of ``Label: value`` and an equipment table) and
``nmfc`` (a US LTL carrier's bill with PRO number, NMFC items, freight classes and weights in pounds); held out in
round 9 (``bills_round9``), ``fiata`` (a European forwarder's FIATA multimodal B/L with the containers typed in the
marks column and weights as ``12.345,600 KGS``) and ``talon`` (a Mexican road carrier's talón de embarque, printed
as the original and the driver's copy); held out in round 10 (``bills_round10``), ``ebl`` (the human-readable copy
of an electronic B/L: sections of the transport-document standard's field names, UN/LOCODEs, weights as ``16526.3
KGM``) and ``connaissement`` (a Canadian road carrier's bilingual English / French straight bill of lading with
weights in kilograms and pounds and ``2025/08/27`` dates); held out in round 11 (``bills_round11``), ``numbered``
(a US carrier's short-form export B/L with every box numbered, the AES ITN and the containers on a rider page) and
``aerea`` (an IATA air waybill: the airline's prefix and serial, rate lines with chargeable weights, ``27AUG25``); held
out in round 12 (``bills_round12``), ``telex`` (the surrendered copy of an ocean B/L with the ``SURRENDERED`` stamp and
the surrender's own date, each container as ``CONTAINER/SEAL``) and ``mensajeria`` (an express courier's international
waybill: a spaced ten-digit number, numbered sections, pieces and weights of a parcel); held out in round 13
(``bills_round13``), ``tidan`` (a Chinese carrier's B/L with every caption in Chinese and English, ``2025-08-27`` dates
and a container list inside the particulars box) and ``stcc`` (a US railroad's straight bill for a carload to a
Mexican plant through a border interchange: car initials and number, STCC codes, line weights in pounds); held out
in round 14 (``bills_round14``), ``desglose`` (an ocean carrier's B/L whose particulars break each container down by
the buyer's purchase orders, with container and grand totals) and ``paradas`` (a Mexican 3PL's Carta Porte 3.1
printout for a multi-stop run: one origin and numbered destinations with their distances, each good's quantity tied
to its stop, per-stop unloading sums); held out in round 15 (``bills_round15``), ``fletado`` (an ocean carrier's
freighted original B/L with its freight and charges table, revenue tons, rates and amounts in several currencies, and
the reverse side's clauses on a second page) and ``entrega`` (a truck carrier's pre-printed straight bill filled by an
impact printer out of register and returned as the delivery receipt, with the delivery date, the pieces received,
the exceptions and the receiving dock's stamp); held out in round 16 (``bills_round16``), ``breakbulk`` (an ocean
carrier's B/L for project cargo shipped loose: crates with their marks, dimensions and own weights, no containers and
no seals) and ``suplemento`` (a US shipper's VICS master bill of lading with its customer-order and carrier tables, SID
and CID numbers, and a supplement page listing the underlying bills); held out in round 17 (``bills_round17``),
``switch`` (an ocean carrier's switch B/L issued at Hong Kong naming a trading company as shipper, with the clause
citing the number, place and date of the set it replaces) and ``hawb`` (a forwarder's house air waybill with its own
number, citing the airline's master air waybill it is consolidated under); held out in round 18 (``bills_round18``),
``lcl`` (an NVOCC's house B/L for cargo consolidated at a CFS in a shared container, ``PART OF 1 X 40HC`` under each
container and seal, the master B/L cited beside the house number, CBM and revenue tons) and ``fax`` (a US shipper's
straight bill received by fax: black-and-white pages at Group 3 resolution with the fax header line, no text layer).
Held-out text-layer F1 by round: 3
``express``, ``short`` 0.922; 4 ``carrier``, ``linehaul`` 0.527."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.synth import (
    bills_round4,
    bills_round5,
    bills_round6,
    bills_round7,
    bills_round8,
    bills_round9,
    bills_round10,
    bills_round11,
    bills_round12,
    bills_round13,
    bills_round14,
    bills_round15,
    bills_round16,
    bills_round17,
    bills_round18,
)
from tests.synth.draw import BOLD, Sheet, dmy_en, money, wrap

ARRANGEMENTS: tuple[str, ...] = (
    "ocean",
    "truck",
    "manifest",
    "seaway",
    "blocks",
    "combined",
    "list",
    "express",
    "short",
    "conocimiento",
    "particulars",
    "stacked",
    "house",
    "roadbill",
    *bills_round4.ARRANGEMENTS,
    *bills_round5.ARRANGEMENTS,
    *bills_round6.ARRANGEMENTS,
    *bills_round7.ARRANGEMENTS,
    *bills_round8.ARRANGEMENTS,
    *bills_round9.ARRANGEMENTS,
    *bills_round10.ARRANGEMENTS,
    *bills_round11.ARRANGEMENTS,
    *bills_round12.ARRANGEMENTS,
    *bills_round13.ARRANGEMENTS,
    *bills_round14.ARRANGEMENTS,
    *bills_round15.ARRANGEMENTS,
    *bills_round16.ARRANGEMENTS,
    *bills_round17.ARRANGEMENTS,
    *bills_round18.ARRANGEMENTS,
)
HELD_OUT: frozenset[str] = frozenset(bills_round18.ARRANGEMENTS)
# the kind of B/L each arrangement draws (its truth is made for that kind)
KIND = (
    {name: "truck" if name in ("truck", "roadbill") else "ocean" for name in ARRANGEMENTS}
    | bills_round4.KIND
    | bills_round5.KIND
    | bills_round6.KIND
    | bills_round7.KIND
    | bills_round8.KIND
    | bills_round9.KIND
    | bills_round10.KIND
    | bills_round11.KIND
    | bills_round12.KIND
    | bills_round13.KIND
    | bills_round14.KIND
    | bills_round15.KIND
    | bills_round16.KIND
    | bills_round17.KIND
    | bills_round18.KIND
)


def render(truth: dict[str, Any], layout: str, path: Path, rng: random.Random) -> int:
    """Draw the bill of lading; returns its page count."""
    fixed = {"ocean": _ocean, "truck": _truck}
    if layout in fixed:
        return fixed[layout](truth, path, rng)
    if layout in bills_round4.ARRANGEMENTS:
        return bills_round4.render(truth, layout, path, rng)
    if layout in bills_round5.ARRANGEMENTS:
        return bills_round5.render(truth, layout, path, rng)
    if layout in bills_round6.ARRANGEMENTS:
        return bills_round6.render(truth, layout, path, rng)
    if layout in bills_round7.ARRANGEMENTS:
        return bills_round7.render(truth, layout, path, rng)
    if layout in bills_round8.ARRANGEMENTS:
        return bills_round8.render(truth, layout, path, rng)
    if layout in bills_round9.ARRANGEMENTS:
        return bills_round9.render(truth, layout, path, rng)
    if layout in bills_round10.ARRANGEMENTS:
        return bills_round10.render(truth, layout, path, rng)
    if layout in bills_round11.ARRANGEMENTS:
        return bills_round11.render(truth, layout, path, rng)
    if layout in bills_round12.ARRANGEMENTS:
        return bills_round12.render(truth, layout, path, rng)
    if layout in bills_round13.ARRANGEMENTS:
        return bills_round13.render(truth, layout, path, rng)
    if layout in bills_round14.ARRANGEMENTS:
        return bills_round14.render(truth, layout, path, rng)
    if layout in bills_round15.ARRANGEMENTS:
        return bills_round15.render(truth, layout, path, rng)
    if layout in bills_round16.ARRANGEMENTS:
        return bills_round16.render(truth, layout, path, rng)
    if layout in bills_round17.ARRANGEMENTS:
        return bills_round17.render(truth, layout, path, rng)
    if layout in bills_round18.ARRANGEMENTS:
        return bills_round18.render(truth, layout, path, rng)
    if layout == "roadbill":
        from tests.synth.bills_carriers import render_carta_porte

        return render_carta_porte(truth, path, rng)
    if layout in ("particulars", "stacked", "house"):
        from tests.synth.bills_carriers import render_carrier

        return render_carrier(truth, layout, path, rng)
    from tests.synth.bills_varied import render_varied

    return render_varied(truth, layout, path, rng)


def _ocean(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="Bill of Lading")
    L, R, M = 30.0, s.width - 30.0, 306.0

    def box(x0: float, y0: float, x1: float, y1: float, label: str, values: list[str], size: float = 8) -> None:
        s.box(x0, y0, x1, y1)
        s.text(x0 + 4, y0 + 9, label, font=BOLD, size=6)
        for k, v in enumerate(values):
            s.text(x0 + 4, y0 + 21 + 10 * k, v, size=size)

    s.text(L, 26, f["carrier_name"], font=BOLD, size=12)
    s.right(R, 26, "BILL OF LADING FOR OCEAN TRANSPORT OR MULTIMODAL TRANSPORT", font=BOLD, size=8)
    box(L, 34, M, 94, "SHIPPER (EXPORTER)", [f["shipper_name"], x["shipper_address"]])
    box(M, 34, M + 130, 60, "B/L NO.", [f["bl_number"]])
    box(M + 130, 34, R, 60, "BOOKING NO.", [x["booking"]])
    box(M, 60, R, 94, "EXPORT REFERENCES", [f"INVOICE NO. {x['invoice']}   PO NO. {x['po']}"])
    box(
        L,
        94,
        M,
        154,
        "CONSIGNEE",
        [f["consignee_name"], x["consignee_address"][:58], f"RFC {x['consignee_rfc']}"],
    )
    box(M, 94, R, 154, "FORWARDING AGENT / REFERENCES", ["", f"SCAC: {f['carrier_scac']}"])
    box(L, 154, M, 200, "NOTIFY PARTY", [f["notify_party_name"]])
    box(M, 154, R, 200, "PLACE OF RECEIPT", [f["port_of_loading"].split(",")[0] + " CFS"])
    box(L, 200, L + 138, 226, "VESSEL", [f["vessel"]])
    box(L + 138, 200, M, 226, "VOYAGE NO.", [f["voyage"]])
    box(M, 200, R, 226, "PORT OF LOADING", [f["port_of_loading"]])
    box(L, 226, M, 252, "PORT OF DISCHARGE", [f["port_of_discharge"]])
    box(M, 226, R, 252, "PLACE OF DELIVERY", [f["place_of_delivery"]])
    y = 266.0
    s.centre(s.width / 2, y, "PARTICULARS FURNISHED BY SHIPPER", font=BOLD, size=7)
    y += 12
    cols = [
        ("CONTAINER NO.", L + 2),
        ("SEAL NO.", L + 82),
        ("NO. OF PKGS", L + 150),
        ("DESCRIPTION OF GOODS", L + 214),
        ("GROSS WEIGHT (KG)", R - 80),
    ]
    s.shade(L, y - 9, R, y + 3)
    for label, px in cols:
        s.text(px, y, label, font=BOLD, size=7)
    y += 14
    for ln in lines:
        desc = wrap(ln["description"], 220, size=7.5)
        s.text(cols[0][1], y, ln["container_number"], size=7.5)
        s.text(cols[1][1], y, ln["seal_number"], size=7.5)
        s.text(cols[2][1], y, f"{ln['package_count']} PLT", size=7.5)
        for k, d in enumerate(desc):
            s.text(cols[3][1], y + 10 * k, d, size=7.5)
        s.right(R - 4, y, money(ln["gross_weight_kg"], 1), size=7.5)
        y += 10 * len(desc) + 4
    s.hline(L, R, y)
    y += 12
    s.text(L + 2, y, "TOTAL PACKAGES:", font=BOLD, size=7.5)
    s.text(L + 80, y, f"{f['package_count']} PALLETS", size=7.5)
    s.text(L + 214, y, "TOTAL GROSS WEIGHT:", font=BOLD, size=7.5)
    s.text(L + 310, y, f"{money(f['gross_weight_kg'], 1)} KGS", size=7.5)
    y += 12
    s.text(L + 2, y, "GOODS DESCRIPTION:", font=BOLD, size=7.5)
    s.text(L + 90, y, f["goods_description"], size=7.5)
    y += 12
    s.text(L + 2, y, f"HS CODE {x['fraccion'][:6]}   SHIPPER'S LOAD, STOW AND COUNT   SAID TO CONTAIN", size=7)
    y += 20
    s.box(L, y - 10, M, y + 16)
    s.text(L + 4, y - 1, "FREIGHT TERMS", font=BOLD, size=6)
    s.text(L + 4, y + 10, "FREIGHT PREPAID" if f["freight_terms"] == "prepaid" else "FREIGHT COLLECT", size=8)
    s.box(M, y - 10, R, y + 16)
    s.text(M + 4, y - 1, "PLACE AND DATE OF ISSUE", font=BOLD, size=6)
    s.text(M + 4, y + 10, f"{f['port_of_loading'].split(',')[0]}  {dmy_en(f['issue_date'])}", size=8)
    y += 26
    s.box(L, y - 10, M, y + 16)
    s.text(L + 4, y - 1, "SHIPPED ON BOARD DATE", font=BOLD, size=6)
    s.text(L + 4, y + 10, dmy_en(f["shipped_on_board_date"]), size=8)
    s.box(M, y - 10, R, y + 16)
    s.text(M + 4, y - 1, "NUMBER OF ORIGINAL B/L", font=BOLD, size=6)
    s.text(M + 4, y + 10, "THREE (3)", size=8)
    y += 34
    s.text(L, y, f"SIGNED FOR THE CARRIER {f['carrier_name']} AS CARRIER", size=7)
    s.save()
    return s.page


def _truck(truth: dict[str, Any], path: Path, rng: random.Random) -> int:
    f, x, lines = truth["fields"], truth["extra"], truth["lines"]
    s = Sheet(path, title="Straight Bill of Lading")
    L, R, M = 30.0, s.width - 30.0, 330.0
    y0 = 30.0
    s.text(L, y0, "Date:", font=BOLD, size=8)
    s.text(L + 28, y0, f["issue_date"][5:7] + "/" + f["issue_date"][8:] + "/" + f["issue_date"][:4], size=8)
    s.centre(s.width / 2, y0, "STRAIGHT BILL OF LADING - SHORT FORM", font=BOLD, size=11)
    s.right(R, y0, "Page 1 of 1", size=7)
    y = 46.0
    s.shade(L, y - 9, M, y + 3)
    s.text(L + 4, y, "SHIP FROM", font=BOLD, size=7.5)
    s.text(M + 4, y, "Bill of Lading Number:", font=BOLD, size=7.5)
    s.text(M + 110, y, f["bl_number"], size=8)
    y += 12
    s.text(L + 4, y, f"Name: {f['shipper_name']}", size=7.5)
    s.text(M + 4, y, "CARRIER NAME:", font=BOLD, size=7.5)
    s.text(M + 80, y, f["carrier_name"], size=7)
    y += 11
    s.text(L + 4, y, f"Address: {x['shipper_address']}", size=7.5)
    s.text(M + 4, y, "Trailer number:", font=BOLD, size=7.5)
    s.text(M + 80, y, x["trailer"], size=7.5)
    y += 11
    s.text(M + 4, y, "Seal number(s):", font=BOLD, size=7.5)
    s.text(M + 80, y, ", ".join(x["seals"]), size=7.5)
    y += 11
    s.shade(L, y - 9, M, y + 3)
    s.text(L + 4, y, "SHIP TO", font=BOLD, size=7.5)
    s.text(M + 4, y, "SCAC:", font=BOLD, size=7.5)
    s.text(M + 80, y, f["carrier_scac"], size=7.5)
    y += 12
    s.text(L + 4, y, f"Name: {f['consignee_name']}", size=7.5)
    s.text(M + 4, y, "Pro number:", font=BOLD, size=7.5)
    s.text(M + 80, y, f"{rng.randint(10**8, 10**9 - 1)}", size=7.5)
    y += 11
    s.text(L + 4, y, f"Address: {x['consignee_address'][:60]}", size=7.5)
    y += 11
    s.text(L + 4, y, f"RFC: {x['consignee_rfc']}", size=7.5)
    s.text(M + 4, y, "Freight Charge Terms:", font=BOLD, size=7.5)
    prepaid = f["freight_terms"] == "prepaid"
    s.text(
        M + 100,
        y,
        f"Prepaid {'X' if prepaid else '__'}  Collect {'__' if prepaid else 'X'}  3rd Party __",
        size=7.5,
    )
    y += 11
    s.shade(L, y - 9, M, y + 3)
    s.text(L + 4, y, "THIRD PARTY FREIGHT CHARGES BILL TO:", font=BOLD, size=7.5)
    y += 12
    s.text(L + 4, y, f"Name: {f['consignee_name']}", size=7.5)
    s.text(M + 4, y, f"Invoice: {x['invoice']}", size=7.5)
    y += 18
    s.shade(L, y - 9, R, y + 3)
    s.centre(s.width / 2, y, "CUSTOMER ORDER INFORMATION", font=BOLD, size=7.5)
    y += 12
    ocols = [
        ("CUSTOMER ORDER NUMBER", L + 4),
        ("# PKGS", L + 170),
        ("WEIGHT", L + 230),
        ("PALLET/SLIP", L + 300),
        ("ADDITIONAL SHIPPER INFO", L + 370),
    ]
    for label, px in ocols:
        s.text(px, y, label, font=BOLD, size=7)
    y += 11
    pkgs = [ln["package_count"] for ln in lines]
    for i, po in enumerate(x["pos"]):
        s.text(ocols[0][1], y, po, size=7.5)
        s.text(ocols[1][1], y, str(pkgs[i % len(pkgs)]), size=7.5)
        s.text(ocols[2][1], y, "", size=7.5)
        s.text(ocols[3][1], y, "Y", size=7.5)
        y += 10
    y += 10
    s.shade(L, y - 9, R, y + 3)
    s.centre(s.width / 2, y, "CARRIER INFORMATION", font=BOLD, size=7.5)
    y += 12
    ccols = [
        ("HANDLING UNIT QTY", L + 4),
        ("TYPE", L + 90),
        ("PACKAGE QTY", L + 130),
        ("WEIGHT (KG)", L + 200),
        ("H.M. (X)", L + 270),
        ("COMMODITY DESCRIPTION", L + 310),
    ]
    for label, px in ccols:
        s.text(px, y, label, font=BOLD, size=7)
    y += 11
    for ln in lines:
        desc = wrap(ln["description"], 220, size=7.5)
        s.text(ccols[0][1], y, str(ln["package_count"]), size=7.5)
        s.text(ccols[1][1], y, "PLT", size=7.5)
        s.text(ccols[2][1], y, str(ln["package_count"] * rng.choice([1, 4, 10])), size=7.5)
        s.text(ccols[3][1], y, money(ln["gross_weight_kg"], 1), size=7.5)
        for k, d in enumerate(desc):
            s.text(ccols[5][1], y + 10 * k, d, size=7.5)
        y += 10 * len(desc) + 3
    s.hline(L, R, y)
    y += 11
    s.text(L + 4, y, f"{f['package_count']}", font=BOLD, size=7.5)
    s.text(L + 90, y, "GRAND TOTAL", font=BOLD, size=7.5)
    s.text(L + 200, y, money(f["gross_weight_kg"], 1), font=BOLD, size=7.5)
    y += 24
    s.text(
        L,
        y,
        "RECEIVED, subject to individually determined rates or contracts that have been agreed upon in",
        size=6.5,
    )
    y += 9
    s.text(
        L,
        y,
        "writing between the carrier and shipper, if applicable, otherwise to the rates, classifications and rules",
        size=6.5,
    )
    y += 20
    s.text(L, y, "SHIPPER SIGNATURE / DATE", font=BOLD, size=7)
    s.text(M, y, "CARRIER SIGNATURE / PICKUP DATE", font=BOLD, size=7)
    s.save()
    return s.page
