"""The runs, one way through the layers: one term's allocation (:mod:`hamyar.pipeline.run`) and
one month's payroll from files to files (:mod:`hamyar.pipeline.month`)."""

from hamyar.models.run import RunResult
from hamyar.pipeline.run import STAGES, Progress, file_sha256, problem_sha256, run_problem

__all__ = ["STAGES", "Progress", "RunResult", "file_sha256", "problem_sha256", "run_problem"]
