"""A plain, server-rendered documentation page made from the API's OpenAPI schema.

No Swagger UI or Redoc: those need scripts and inline styles that the site's strict CSP
refuses, and this page works without JavaScript, offline, and reads well with a screen reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator


@lru_cache(maxsize=1)
def api_schema() -> dict[str, Any]:
    """The OpenAPI 3.1 document of /api/v1/ (the same one /api/v1/schema/ serves)."""
    return SchemaGenerator().get_schema(request=None, public=True)


def _type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema:
        return " & ".join(_type(part) for part in schema["allOf"])
    if "oneOf" in schema:
        return " | ".join(_type(part) for part in schema["oneOf"])
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = " | ".join(kind)
    if "array" in kind and "items" in schema:
        return kind.replace("array", f"array of {_type(schema['items'])}")
    if schema.get("format"):
        kind += f" ({schema['format']})"
    if schema.get("enum"):
        kind += ": " + ", ".join(str(v) for v in schema["enum"] if v is not None)
    return kind


@dataclass
class Parameter:
    name: str
    where: str
    required: bool
    type: str
    description: str


@dataclass
class Endpoint:
    method: str
    path: str
    summary: str
    parameters: list[Parameter]
    response: str
    anchor: str


@dataclass
class Property:
    name: str
    type: str
    required: bool
    description: str


@dataclass
class Component:
    name: str
    properties: list[Property] = field(default_factory=list)


def api_reference() -> tuple[list[Endpoint], list[Component]]:
    schema = api_schema()
    endpoints = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            ok = operation.get("responses", {}).get("200", {})
            content = ok.get("content", {}).get("application/json", {}).get("schema", {})
            endpoints.append(
                Endpoint(
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary", ""),
                    parameters=[
                        Parameter(
                            name=p["name"],
                            where=p["in"],
                            required=p.get("required", False),
                            type=_type(p.get("schema", {})),
                            description=p.get("description", ""),
                        )
                        for p in operation.get("parameters", [])
                    ],
                    response=_type(content) if content else "",
                    anchor=operation["operationId"],
                )
            )
    components = []
    for name, component in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(component.get("required", []))
        components.append(
            Component(
                name=name,
                properties=[
                    Property(
                        name=prop,
                        type=_type(spec),
                        required=prop in required,
                        description=spec.get("description", ""),
                    )
                    for prop, spec in component.get("properties", {}).items()
                ],
            )
        )
    return endpoints, components


@require_safe
def api_docs(request: HttpRequest) -> HttpResponse:
    endpoints, components = api_reference()
    schema = api_schema()
    return render(
        request,
        "opendata/api_docs.html",
        {"endpoints": endpoints, "components": components, "info": schema["info"]},
    )
