"""Luocdo: read Vietnamese directives, plans and letters and trace their lineage.

The reader is a pipeline, one module a stage: :mod:`graph.clean` (repair text, keep a position map) →
:mod:`graph.find` (identity, references, campaigns, tasks, targets) → :mod:`graph.resolve` (one node per
real document) → :mod:`graph.records` (extraction records).

>>> from graph import extract
>>> ex = extract("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ;")
>>> ex.references[0].relation, ex.references[0].target.type
('based_on', 'Nghị định')
"""

from graph.errors import InputError, LuocdoError
from graph.extract import Extraction, extract
from graph.records import to_record

__all__ = ["Extraction", "InputError", "LuocdoError", "extract", "to_record"]
__version__ = "0.1.0"
