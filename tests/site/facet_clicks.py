"""What a click on a facet value asks for, as the list's links do it."""


def clicked(selected: dict, column, value) -> dict:
    """The selection a click on an unselected value gives: added to the facet's
    values where they combine with AND, in place of them where a record has one."""
    chosen = [int(value.value) if column.name == "year" else value.value]
    if column.combine == "all":
        chosen = [*selected.get(column.name, []), *chosen]
    return {**selected, column.name: chosen}


def assert_counts_are_promises(columns, total, count_of, at_least=1):
    """Every selected value shows the current `total`; every other one is what
    `count_of(selection after its click)` finds, and never zero."""
    checked = 0
    for column in columns:
        for value in column.values:
            if value.selected:
                assert value.count == total, (column.name, value)
                continue
            assert value.count == count_of(column, value) > 0, (column.name, value)
            checked += 1
    assert checked >= at_least
