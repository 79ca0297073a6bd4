"""Teaser lists beside a story are marked before the container is chosen (html/teasers.py):
a column of linked headlines with summaries does not pull the container out to the layout
box around it and the story. Keep-traps: a page of teasers, and a story's own linked subheadings."""

from __future__ import annotations

from cleanup import clean

STORY = (
    "Agentes de la Policía Nacional han detenido en Zaragoza a un hombre de 34 años por el robo de 40 bicicletas.",
    "Los hechos se produjeron entre los meses de octubre y enero en garajes comunitarios de varios barrios.",
    "El detenido forzaba las cerraduras de los trasteros durante la noche y se llevaba las bicicletas.",
    "Los agentes han recuperado 31 bicicletas, que ya han sido devueltas a sus propietarios.",
)
TEASERS = tuple(
    (
        f"Titular de otra noticia número {i}",
        f"Resumen de la otra noticia número {i}, con dos frases de contexto para el lector. "
        "Las obras durarán catorce meses y los comerciantes se trasladarán a una carpa provisional.",
    )
    for i in range(8)
)


def _teasers() -> str:
    return "".join(
        f"<div class='lateral'><a href='/n{i}'><h3>{t}</h3></a><p>{x}</p></div>" for i, (t, x) in enumerate(TEASERS)
    )


def test_a_column_of_teasers_beside_a_short_story_is_left_out() -> None:
    story = "".join(f"<p>{p}</p>" for p in STORY)
    page = (
        "<html lang='es'><body><div class='contenedor'><div class='principal'><h1>Detenido un hombre</h1>"
        f"<div class='cuerpo'>{story}</div></div><div class='derecha'><h2>Lo más leído</h2>{_teasers()}</div>"
        "</div></body></html>"
    )
    text = clean(page).text
    assert all(p in text for p in STORY)
    assert "Resumen de la otra noticia" not in text


def test_a_page_of_teasers_is_not_marked_as_a_teaser_list() -> None:
    # Keep-trap: with no story beside them, the teasers are the page (the section-front rule decides).
    page = f"<html lang='es'><body><h1>Portada</h1><div class='portada'>{_teasers()}</div></body></html>"
    assert "teaser list" not in " ".join(r.reason for r in clean(page).removed)


def test_a_story_with_linked_subheadings_keeps_them() -> None:
    # Keep-trap: a round-up's linked subheadings, each over its paragraph, are no teaser items.
    items = "".join(f"<h3><a href='/n{i}'>{t}</a></h3><p>{x}</p>" for i, (t, x) in enumerate(TEASERS[:4]))
    story = "".join(f"<p>{p}</p>" for p in STORY)
    page = f"<html lang='es'><body><article><h1>Resumen</h1>{story}{items}</article></body></html>"
    text = clean(page).text
    assert text.count("Resumen de la otra noticia") == 4
