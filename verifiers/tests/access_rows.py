"""The verifiers' rows of the authorisation matrix: bulk verification for everyone; a verifier
account's pages for the signed-in (each sees only its own subscriptions); a holder's followers
page for the signed-in holder."""

from core.tests.access_matrix import Row, anyone, only, signed_in


def _subscription_here(scene):
    from verifiers.models import Subscription, Verifier

    verifier, _ = Verifier.objects.get_or_create(user=scene.users["verifier"], defaults={"organisation": "PT Contoh"})
    return Subscription.objects.get_or_create(verifier=verifier, number="IPSPI.32.2025.00001", ended_at=None)[0]


ROWS = [
    Row("verifiers:bulk", anyone()),
    Row("verifiers:subscriptions", signed_in()),
    Row(
        "verifiers:subscribe",
        only("verifier", answer=302),
        method="POST",
        data=lambda s: {"numbers": "IPSPI.32.2025.00002"},
        note="only a verifier account follows numbers",
    ),
    Row(
        "verifiers:end_subscription",
        {**only("verifier", answer=302, otherwise=404)},
        method="POST",
        kwargs=lambda s: {"pk": _subscription_here(s).pk},
        note="another account's subscription is hidden from everyone",
    ),
    Row(
        "verifiers:webhook",
        only("verifier", answer=302),
        method="POST",
        data=lambda s: {"webhook_url": "https://penerima.example/hook", "action": "save"},
    ),
    Row("verifiers:followers", signed_in(302), note="nobody in the scene holds a credential: sent to the dashboard"),
    # Last: it makes every signed-in actor a verifier (each has a verified e-mail address).
    Row("verifiers:open_account", signed_in(302), method="POST", data=lambda s: {"organisation": "Dinas Sosial Contoh"}),
]

API_ROWS = [
    Row("", anyone(), api_path="POST /api/v1/public/verifications", data=lambda s: {"numbers": ["IPSPI.32.2025.00001"]}),
]
