"""Data shipped in the package: the University of Qom 1402–1403 table (:mod:`hamyar.data.qom`)
and the example scenarios (``scenarios/``). The embedded default built from them is
:mod:`hamyar.generator.default`.
"""
