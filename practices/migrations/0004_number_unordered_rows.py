from django.db import migrations

from dcaht.orderable import number_unordered


def number(apps, schema_editor):
    for app_label, model_name in [("practices", "PracticeOrganisation")]:
        number_unordered(apps.get_model(app_label, model_name))


class Migration(migrations.Migration):
    dependencies = [("practices", "0003_proposal")]

    operations = [migrations.RunPython(number, migrations.RunPython.noop)]
