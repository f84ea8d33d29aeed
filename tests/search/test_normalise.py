import pytest

from search.normalise import normalise, stemmed_tokens, tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quba Xalçası", "quba xalcasi"),
        ("QUBA XALÇASI", "quba xalcasi"),
        ("Şəki ipəyi, əl işi!", "seki ipeyi el isi"),
        ("Gəncə — Göygöl üçün", "gence goygol ucun"),
        ("Ковёр ручной работы", "kover rucnoy raboti"),
        ("Кубинский ковер", "kubinskiy kover"),
        ("Café déjà vu 2026", "cafe deja vu 2026"),
        ("", ""),
    ],
)
def test_normalise_folds_azerbaijani_letters_accents_and_cyrillic(text, expected):
    assert normalise(text) == expected


def test_tokens_drops_punctuation_and_keeps_digits():
    assert tokens("HS-kod: 5701.10 (xalça)") == ["hs", "kod", "5701", "10", "xalca"]


@pytest.mark.parametrize("word", ["u", "i", "Ü", "ı"])
def test_a_one_letter_word_is_its_own_stem(word):
    # The possessive rule looks at the letter before a final "i"/"u": a word
    # of one letter has none (it raised IndexError, a 500 on every search).
    (token,) = tokens(word)
    assert stemmed_tokens(word) == [(token, token)]
