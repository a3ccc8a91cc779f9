"""Foreign keys led by a composite index keep no index of their own (articles 0027): one index fewer
written per row stored, and the composite still serves their look-ups and cascades."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

SERVED = importlib.import_module("articles.migrations.0027_drop_indexes_composites_serve").SERVED


def indexes(model):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return [info for info in constraints.values() if (info["index"] or info["unique"]) and not info["primary_key"]]


@pytest.mark.parametrize(("model_name", "field_name"), SERVED)
def test_a_served_foreign_key_has_no_index_of_its_own_but_one_leading_with_it(db, model_name, field_name):
    model = apps.get_model("articles", model_name)
    column = model._meta.get_field(field_name).column
    found = indexes(model)
    assert not [info for info in found if info["columns"] == [column] and not info["unique"]]
    assert [info for info in found if len(info["columns"]) > 1 and info["columns"][0] == column]
