"""Write every JSON Schema into docs/: the flow format to docs/flow.schema.json, the rest to docs/schemas/.

python tools/schemas.py          # after changing a model; tests/test_json_contract.py checks them
"""

from __future__ import annotations

from pathlib import Path

from meldcode_cli.output import schemas

DOCS = Path(__file__).resolve().parent.parent / "docs"


def target(kind: str) -> Path:
    # The flow schema keeps its place: flow files everywhere point at docs/flow.schema.json.
    return DOCS / "flow.schema.json" if kind == "flow" else DOCS / "schemas" / f"{kind}.schema.json"


def main() -> None:
    (DOCS / "schemas").mkdir(exist_ok=True)
    for kind in schemas.kinds():
        target(kind).write_text(schemas.schema_text(kind), encoding="utf-8")
        print(target(kind).relative_to(DOCS.parent))


if __name__ == "__main__":
    main()
