from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.files import PrivatePath, validate_image


def _localised(obj, field: str) -> str:
    english = getattr(obj, f"{field}_en", "")
    return english if get_language() == "en" and english else getattr(obj, f"{field}_id")


def _falls_back(obj, field: str) -> bool:
    """True on an English page whose English version of ``field`` has not been written yet: the
    page then says so and shows the Indonesian text (marked lang="id" for screen readers)."""
    return get_language() == "en" and not (getattr(obj, f"{field}_en", "") or "").strip()


class Category(models.Model):
    slug = models.SlugField(unique=True)
    name_id = models.CharField(_("name (Indonesian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name_id"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return _localised(self, "name")


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


class Article(models.Model):
    """An article or page of the portal. Bodies are plain text with blank lines between
    paragraphs: shown escaped, so nothing an editor types can run in a reader's browser."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("category"))
    slug = models.SlugField(_("address (slug)"), unique=True, max_length=120)
    title_id = models.CharField(_("title (Indonesian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_id = models.CharField(_("summary (Indonesian)"), max_length=300)
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    body_id = models.TextField(_("text (Indonesian)"))
    body_en = models.TextField(_("text (English)"), blank=True)
    image = models.FileField(_("image"), upload_to=PrivatePath("portal/images"), validators=[validate_image], blank=True)
    image_alt = models.CharField(
        _("image description"), max_length=200, blank=True, help_text=_("For readers who cannot see the image.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "title_id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return self.title_id

    def get_absolute_url(self):
        return reverse("portal:article", kwargs={"slug": self.slug})

    @property
    def title(self) -> str:
        return _localised(self, "title")

    @property
    def summary(self) -> str:
        return _localised(self, "summary")

    @property
    def body(self) -> str:
        return _localised(self, "body")

    @property
    def untranslated(self) -> bool:
        return _falls_back(self, "body")

    @property
    def text_language(self) -> str:
        return "id" if self.untranslated or get_language() != "en" else "en"


class FaqEntry(models.Model):
    question_id = models.CharField(_("question (Indonesian)"), max_length=300)
    question_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    answer_id = models.TextField(_("answer (Indonesian)"))
    answer_en = models.TextField(_("answer (English)"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")

    def __str__(self):
        return self.question_id

    @property
    def question(self) -> str:
        return _localised(self, "question")

    @property
    def answer(self) -> str:
        return _localised(self, "answer")

    @property
    def untranslated(self) -> bool:
        return _falls_back(self, "answer")

    @property
    def text_language(self) -> str:
        return "id" if self.untranslated or get_language() != "en" else "en"


class DpdContact(models.Model):
    """How to reach IPSPI in a province: the DPD where one is known, otherwise the DPP."""

    province = models.OneToOneField("regions.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("province"))
    office = models.CharField(_("office"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_national_office = models.BooleanField(_("served by the DPP"), default=False)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    chair = models.CharField(_("chair of the DPD"), max_length=150, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["province__code"]
        verbose_name = _("DPD contact")
        verbose_name_plural = _("DPD contacts")

    def __str__(self):
        return f"{self.province}: {self.office}"
