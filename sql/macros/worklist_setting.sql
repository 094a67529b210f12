-- One named number of sql/seeds/worklist_settings.csv (promise grace, priority weights).
create or replace macro worklist_setting(name) as
  (select value::double from worklist_settings where setting = name)
