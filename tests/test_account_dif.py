"""Report du DIF: the form, its bounds, its deadline, and public agents."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from flask.testing import FlaskClient
from mock_site.account import forms, views

from cpf.messages import DIF_CLOSED, DIF_SAVED

from .html_page import ParsedPage
from .html_page import page as parsed
from .portal_client import DIF_URL, DROITS_URL, account_state, set_today, signed_in

BEFORE_DEADLINE = "2021-03-15"
DEADLINE = "2021-06-30"
AFTER_DEADLINE = "2021-07-01"
CLOSED = DIF_CLOSED.format(deadline="30/06/2021", original_deadline="31/12/2020")


def signed_in_on(client: FlaskClient, today: str, **fields: Any) -> str:
    """Seed an account, log in, set the session's date; returns the compact NIR."""
    account = signed_in(client, **fields)
    set_today(client, today)
    return str(account["compact_nir"])


def readable(markup: str) -> str:
    """Unescaped, with runs of ASCII white space folded (no-break spaces are kept)."""
    return re.sub(r"[ \t\n]+", " ", html.unescape(markup))


def dif_page(client: FlaskClient) -> str:
    response = client.get(DIF_URL)
    assert response.status_code == 200
    return readable(response.text)


def report(client: FlaskClient, hours: str) -> Any:
    return client.post(DIF_URL, data={"hours": hours})


def stored_dif(client: FlaskClient, nir: str) -> int | None:
    hours = account_state(client, nir)["dif_hours"]
    return None if hours is None else int(hours)


# --- The deadline ----------------------------------------------------------------


def test_dif_form_is_open_before_the_deadline(client: FlaskClient) -> None:
    signed_in_on(client, BEFORE_DEADLINE)
    text = dif_page(client)
    assert "<h1>Report du DIF</h1>" in text
    assert "Nombre d'heures de DIF" in text
    assert ">Reporter mes heures</button>" in text


def test_dif_form_is_open_on_the_deadline_day(client: FlaskClient) -> None:
    signed_in_on(client, DEADLINE)
    assert ">Reporter mes heures</button>" in dif_page(client)


def test_dif_form_is_closed_the_day_after_the_deadline(client: FlaskClient) -> None:
    signed_in_on(client, AFTER_DEADLINE)
    text = dif_page(client)
    assert "Reporter mes heures" not in text
    assert CLOSED in text


def test_dif_page_gives_the_original_and_the_extended_deadline(client: FlaskClient) -> None:
    signed_in_on(client, BEFORE_DEADLINE)
    text = dif_page(client)
    assert "31/12/2020" in text
    assert "30/06/2021" in text


def test_dif_report_after_the_deadline_is_refused_by_the_server(client: FlaskClient) -> None:
    nir = signed_in_on(client, AFTER_DEADLINE)
    response = report(client, "40")
    assert response.status_code == 403
    assert views.DIF_CLOSED_REFUSED in readable(response.text)
    assert stored_dif(client, nir) is None


def test_dif_report_on_the_deadline_day_is_accepted(client: FlaskClient) -> None:
    nir = signed_in_on(client, DEADLINE)
    assert report(client, "40").status_code == 302
    assert stored_dif(client, nir) == 40


# --- A successful report -----------------------------------------------------------


def test_dif_report_stores_the_hours_and_confirms_them_in_euros(client: FlaskClient) -> None:
    nir = signed_in_on(client, BEFORE_DEADLINE)
    response = report(client, "40")
    assert response.status_code == 302
    assert response.location == DIF_URL
    text = dif_page(client)
    assert DIF_SAVED.format(hours="40\u00a0heures", euros="600\u00a0€") in text
    assert "reportées le 15/03/2021" in text
    assert stored_dif(client, nir) == 40


@pytest.mark.parametrize(
    ("typed", "hours", "euros"),
    [
        # 0 is in the documented range: it must not be taken for "nothing typed".
        pytest.param("0", "0 heure", "0 €", id="0-hours-singular"),
        pytest.param("40", "40 heures", "600 €", id="40-hours"),
        pytest.param("120", "120 heures", "1 800 €", id="120-hours-grouped-thousands"),
    ],
)
def test_reported_hours_are_converted(
    client: FlaskClient, typed: str, hours: str, euros: str
) -> None:
    """15 € an hour, in the confirmation and in the hours already reported."""
    nir = signed_in_on(client, BEFORE_DEADLINE)
    assert report(client, typed).status_code == 302
    shown = parsed(client.get(DIF_URL))
    assert shown.notices == [DIF_SAVED.format(hours=hours, euros=euros)]
    assert f"{hours}, soit {euros}, reportées le 15/03/2021." in text_of(shown, "section")
    assert shown.find_all("input", name="hours")[0].attrs["value"] == typed
    assert stored_dif(client, nir) == int(typed)


def text_of(shown: ParsedPage, tag: str) -> str:
    return " ".join(shown.text_of(tag))


def test_reported_dif_is_added_to_the_droits(client: FlaskClient) -> None:
    signed_in_on(client, BEFORE_DEADLINE, career=[{"year": 2019, "quotite": 100}])
    report(client, "120")
    text = readable(client.get(DROITS_URL).text)
    assert 'id="montant-droits">2\u202f300\u00a0€<' in text


def test_dif_form_shows_hours_already_reported(client: FlaskClient) -> None:
    signed_in_on(client, BEFORE_DEADLINE, dif_hours=35)
    assert 'value="35"' in dif_page(client)


# --- Bounds ------------------------------------------------------------------------


@pytest.mark.parametrize("hours", ["0", "120", " 7 "])
def test_dif_hours_from_0_to_120_are_accepted(client: FlaskClient, hours: str) -> None:
    nir = signed_in_on(client, BEFORE_DEADLINE)
    assert report(client, hours).status_code == 302
    assert stored_dif(client, nir) == int(hours)


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("121", forms.DIF_OUT_OF_RANGE),
        ("-1", forms.DIF_OUT_OF_RANGE),
        ("99999999999999999999", forms.DIF_OUT_OF_RANGE),
        ("douze", forms.DIF_NOT_A_WHOLE_NUMBER),
        ("abc", forms.DIF_NOT_A_WHOLE_NUMBER),
        ("12,5", forms.DIF_NOT_A_WHOLE_NUMBER),
        ("١٢", forms.DIF_NOT_A_WHOLE_NUMBER),  # Arabic-Indic digits: not what the form asks
        ("", forms.DIF_EMPTY),
    ],
)
def test_dif_hours_outside_0_to_120_are_refused_next_to_the_field(
    client: FlaskClient, hours: str, message: str
) -> None:
    nir = signed_in_on(client, BEFORE_DEADLINE)
    response = report(client, hours)
    assert response.status_code == 200
    text = readable(response.text)
    assert f'<p class="field__error" id="hours-error">{message}</p>' in text
    assert 'aria-invalid="true"' in text
    assert f'value="{hours}"' in text
    assert f'<a href="#hours">Nombre d\'heures de DIF : {message}</a>' in text  # the summary
    assert stored_dif(client, nir) is None


# --- Public agents --------------------------------------------------------------------


def test_public_agent_sees_dif_reported_in_2018_and_no_form(client: FlaskClient) -> None:
    signed_in_on(client, BEFORE_DEADLINE, sector="public")
    text = dif_page(client)
    assert "reportées automatiquement en 2018" in text
    assert "Reporter mes heures" not in text


def test_public_agent_dif_post_is_refused(client: FlaskClient) -> None:
    # The page shows a public agent no form; a crafted POST must not change the 2018 report.
    nir = signed_in_on(
        client, BEFORE_DEADLINE, sector="public", dif_hours=30, dif_reported_on="2018-01-01"
    )
    response = report(client, "120")
    assert response.status_code == 403
    assert views.DIF_PUBLIC_REFUSED in readable(response.text)
    assert stored_dif(client, nir) == 30
