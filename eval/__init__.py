"""sitrep's evaluation: a gold set of annotated articles and the scorer (`python -m eval.score`).

The scorer uses only sitrep's public contract (`sitrep.extract` and
`sitrep.contract.to_contract`), so it measures what outside users get.
"""
