from django.db.models.signals import post_save
from django.dispatch import receiver

from credentials.models import Credential


@receiver(post_save, sender=Credential)
def certificate_withdrawn(sender, instance: Credential, created, **kwargs):
    """The certification app revokes or suspends certificates without knowing about licences;
    their credentials tell us, and dependent STRs and licences follow."""
    if (
        created
        or instance.kind != Credential.Kind.CERTIFICATE
        or instance.status not in (Credential.Status.SUSPENDED, Credential.Status.REVOKED)
    ):
        return
    from certification.models import Certificate

    from .services import on_certificate_status

    certificate = Certificate.objects.filter(credential=instance).first()
    if certificate is not None:
        on_certificate_status(certificate)
