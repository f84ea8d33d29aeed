"""What the health probes report. JSON-ready dicts, never a secret."""


def alive() -> dict:
    """`/healthz`: the process answers. Touches nothing else."""
    return {"status": "ok"}
