"""legco-kg: bilingual LegCo paper → policy knowledge graph.

Importing the package is cheap: pdfplumber, spaCy, jieba and rdflib load only
inside the functions that need them.
"""

__version__ = "0.1.0"
