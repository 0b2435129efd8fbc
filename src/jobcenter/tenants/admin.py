from django.contrib import admin

from jobcenter.tenants.models import Jobcenter, PostcodeRange


class PostcodeRangeInline(admin.TabularInline):
    model = PostcodeRange
    extra = 1


@admin.register(Jobcenter)
class JobcenterAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "reference_prefix", "city"]
    search_fields = ["name", "slug", "city"]
    inlines = [PostcodeRangeInline]
