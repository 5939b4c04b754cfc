from . import event_event, event_type
