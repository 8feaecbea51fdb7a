import datetime

from accounts.models import Notification
from accreditation import services
from accreditation.models import Recommendation
from accreditation.tests.test_determination_once import batch_of_one


def test_recommendations_reach_the_regencys_dinas_sosial_and_the_ministry_in_their_inbox(world):
    batch = batch_of_one(world)
    for recommendation in Recommendation.objects.all():
        recommendation.text = f"{recommendation.text} [{recommendation.addressee}]"
        recommendation.save()

    services.determine(actor=world["ministry"], batch=batch, decree_number="40/HUK/2026", decree_date=datetime.date(2026, 11, 1))

    dinsos_inbox = " ".join(Notification.objects.filter(user=world["dinsos"]).values_list("body", flat=True))
    ministry_inbox = " ".join(Notification.objects.filter(user=world["ministry"]).values_list("body", flat=True))
    assert "[pemda]" in dinsos_inbox and "[kemensos]" not in dinsos_inbox
    assert "[kemensos]" in ministry_inbox and "[pemda]" not in ministry_inbox
    assert not Notification.objects.filter(user=world["dinsos_kab"], body__contains="[pemda]").exists()
    assert all(r.sent_at for r in Recommendation.objects.all())
