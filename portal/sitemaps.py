from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().order_by("pk")

    def lastmod(self, article):
        return article.updated_at


class StaticSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "portal:home",
            "portal:article_list",
            "portal:faq",
            "portal:dpd_contacts",
            "portal:how_to_register",
            "portal:social_worker_register",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"articles": ArticleSitemap, "pages": StaticSitemap}
