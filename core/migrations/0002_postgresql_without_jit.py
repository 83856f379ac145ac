from django.db import migrations, transaction
from django.db.utils import DatabaseError

# PostgreSQL compiles a query to machine code (JIT) when its estimated cost passes jit_above_cost, whatever it will
# really read: at 300,000 initiatives the portal's queries that the planner overestimates spent 40 to 340 ms
# compiling, and 1 to 11 ms executing (a city's sources, a measure's figures over time). The portal's queries are
# short page reads, so its database runs without JIT, for every new connection. Only the database's owner may set
# this: without that right the migration changes nothing, and the deployment sets jit = off itself.


def set_jit(value):
    def apply(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        database = connection.ops.quote_name(connection.settings_dict["NAME"])
        statement = (
            f"ALTER DATABASE {database} SET jit = off" if value == "off" else f"ALTER DATABASE {database} RESET jit"
        )
        try:
            with transaction.atomic(using=connection.alias):
                schema_editor.execute(statement)
        except DatabaseError:
            pass

    return apply


class Migration(migrations.Migration):
    dependencies = [("core", "0001_content_version_moved_from_cities")]

    operations = [migrations.RunPython(set_jit("off"), set_jit("default"))]
