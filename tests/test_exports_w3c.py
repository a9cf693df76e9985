"""W3C Web Annotation export, checked against the W3C test suite's own schemas."""

import json

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from annotations.exports.stream import export_stream
from annotations.exports.w3c import web_annotation
from tests.export_reference import orm_published_claims
from tests.helpers import published_claim


@pytest.fixture
def w3c_suite(shared_dir):
    root = shared_dir / "standards" / "w3c-web-annotation-tests"
    resources = []
    for path in [*root.glob("definitions/*.json"), *root.glob("annotations/**/*.json")]:
        schema = json.loads(path.read_text("utf-8"))
        resource = Resource.from_contents(schema, default_specification=DRAFT4)
        resources.append((schema.get("id", path.name), resource))
    registry = Registry().with_resources(resources)
    musts = json.loads((root / "annotations" / "annotationMusts.test").read_text("utf-8"))
    return root, registry, musts["assertions"]


@pytest.fixture
def annotation(db, annotator, reviewer, editor):
    claim = published_claim(annotator=annotator, reviewer=reviewer, editor=editor)
    return web_annotation(orm_published_claims().get(pk=claim.pk)), claim


def test_annotation_passes_every_must_of_the_w3c_suite(w3c_suite, annotation):
    root, registry, assertions = w3c_suite
    document, _ = annotation
    checked = 0
    for assertion in assertions:
        schema = json.loads((root / assertion).read_text("utf-8"))
        validator = jsonschema.Draft4Validator(
            schema, registry=registry, format_checker=jsonschema.FormatChecker()
        )
        valid = validator.is_valid(document)
        expected = schema.get("expectedResult", "valid") == "valid"
        assert valid == expected, (assertion, schema.get("errorMessage"))
        checked += 1
    assert checked == len(assertions) > 20


def test_annotation_anchors_the_claim_in_code_points(annotation):
    document, claim = annotation
    assert document["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert document["type"] == "Annotation"
    assert document["motivation"] == "assessing"
    quote, position = document["target"]["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": claim.quote,
        "prefix": claim.prefix,
        "suffix": claim.suffix,
    }
    assert position == {"type": "TextPositionSelector", "start": claim.start, "end": claim.end}
    assert claim.article.text[position["start"] : position["end"]] == quote["exact"]
    assert document["target"]["source"] == claim.article.url


def test_bodies_hold_the_verdict_the_claim_and_linked_sources(annotation):
    document, claim = annotation
    assessing, describing, linking = document["body"]
    assert assessing["purpose"] == "assessing"
    assert assessing["value"].startswith("Mostly true: ")
    assert describing == {
        "type": "TextualBody",
        "purpose": "describing",
        "value": claim.claim_text,
        "format": "text/plain",
        "language": "en",
    }
    assert linking["purpose"] == "linking"
    assert linking["source"] == claim.evidence.get().source.url


def test_stream_is_an_array_of_annotations(annotation):
    document, _ = annotation
    assert json.loads("".join(export_stream("w3c"))) == [document]


def test_the_suite_catches_a_broken_annotation(w3c_suite, annotation):
    root, registry, assertions = w3c_suite
    document, _ = annotation
    broken = {**document, "@context": "http://example.org/other", "created": "yesterday"}
    failures = []
    for assertion in assertions:
        schema = json.loads((root / assertion).read_text("utf-8"))
        validator = jsonschema.Draft4Validator(
            schema, registry=registry, format_checker=jsonschema.FormatChecker()
        )
        if validator.is_valid(broken) != (schema.get("expectedResult", "valid") == "valid"):
            failures.append(assertion)
    assert "annotations/3.1-annotationContextValidated.json" in failures
    assert "annotations/3.3.1-annotationCreatedValidated.json" in failures
