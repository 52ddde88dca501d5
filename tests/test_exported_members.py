"""The public API is deliberate: `ceasewatch.__all__` is sorted, complete and importable."""

import ceasewatch


def test_all_is_sorted_and_importable() -> None:
    names = ceasewatch.__all__
    assert names == sorted(names)
    for name in names:
        assert hasattr(ceasewatch, name), name


def test_no_public_name_is_left_out_of_all() -> None:
    public = {n for n, v in vars(ceasewatch).items()
              if not n.startswith("_") and not isinstance(v, type(ceasewatch))}
    assert public <= set(ceasewatch.__all__)
