"""Legal rank: where a document stands in a top-down drawing of its lineage (0 at the top).

The order follows the hierarchy of the Law on the Promulgation of Legal Documents and of Party documents: the
Constitution; laws, codes, National Assembly resolutions and the Party Central Committee's documents (``…/TW``);
ordinances; decrees; the Prime Minister's decisions and directives; circulars; then other national texts
(announcements of the Government Office, ministries' letters); then a province's resolutions and Party
committee documents, its directives and decisions, its plans and programmes, and at the bottom the letters,
announcements and reports that carry them out.

>>> rank("Luật", "VN", "06/2022/QH15") < rank("Nghị định", "VN", "98/2023/NĐ-CP") < rank("Chỉ thị", "Lào Cai")
True
>>> rank("Chỉ thị", "VN", "05-CT/TW") == rank("Luật", "VN")
True
>>> rank("Kế hoạch", "Lai Châu") < rank("Công văn", "Lai Châu")
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

__all__ = ["levels", "rank"]

_NATIONAL = {
    "Hiến pháp": 0, "Bộ luật": 1, "Luật": 1, "Nghị quyết": 1, "Pháp lệnh": 2, "Nghị định": 3, "Lệnh": 3,
    "Quyết định": 4, "Chỉ thị": 4, "Thông tư": 5, "Thông tư liên tịch": 5,
}
_NATIONAL_OTHER = 6
_LOCAL = {
    "Nghị quyết": 7, "Kết luận": 7, "Chỉ thị": 8, "Quyết định": 8, "Quy định": 8, "Quy chế": 8,
    "Kế hoạch": 9, "Chương trình": 9, "Đề án": 9, "Phương án": 9, "Hướng dẫn": 9,
}
_LOCAL_OTHER = 10
_PARTY_CENTRAL = 1
_PARTY_LOCAL = 7


def rank(doc_type: str | None, scope: str | None, number: str | None = None) -> int:
    """The rank of a document of ``doc_type`` issued at ``scope`` ('VN' or a province) as numbered."""
    if number and number.upper().endswith("/TW"):
        return _PARTY_CENTRAL
    if number and number.upper().endswith(("/TU", "/HU", "/ĐU", "/DU")):
        return _PARTY_LOCAL
    if scope == "VN":
        return _NATIONAL.get(doc_type or "", _NATIONAL_OTHER)
    return _LOCAL.get(doc_type or "", _LOCAL_OTHER)


def levels(g: nx.DiGraph[str]) -> dict[str, int]:
    """A layer for each node of a citation graph (edges from citing to cited): at least the node's rank, and
    below everything it cites; cycles share a layer. Layers are then numbered 0, 1, 2 … without gaps.

    >>> g = nx.DiGraph([("plan", "law"), ("letter", "plan")])
    >>> nx.set_node_attributes(g, {"law": "Luật", "plan": "Kế hoạch", "letter": "Công văn"}, "type")
    >>> nx.set_node_attributes(g, {"law": "VN", "plan": "Lai Châu", "letter": "Lai Châu"}, "scope")
    >>> sorted(levels(g).items())
    [('law', 0), ('letter', 2), ('plan', 1)]
    """
    dag = nx.condensation(g)
    layer: dict[int, int] = {}
    for component in reversed(list(nx.topological_sort(dag))):  # cited documents first
        own = max(_rank_of(g.nodes[n]) for n in dag.nodes[component]["members"])
        layer[component] = max([own, *(layer[c] + 1 for c in dag.successors(component))])
    dense = {value: i for i, value in enumerate(sorted(set(layer.values())))}
    mapping = dag.graph["mapping"]
    return {node: dense[layer[mapping[node]]] for node in g}


def _rank_of(data: Mapping[str, Any]) -> int:
    return rank(data.get("type"), data.get("scope"), data.get("number"))
