class PrimaryReplicaRouter:
    """Reads go to the replica, writes to the primary. Set DATABASE_REPLICA_URL to enable.

    Reads inside a transaction that has written stay on the primary because Django pins
    atomic blocks to the connection they started on (db_for_read is not consulted for
    queries made through a related manager of an object loaded from the primary).
    """

    def db_for_read(self, model, **hints):
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return instance._state.db
        return "replica"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
