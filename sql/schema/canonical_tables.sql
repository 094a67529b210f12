-- The canonical AR tables that ingestion fills (metrics.md "Canonical data").
-- Every row keeps the load that brought it and the file and line it came from.

create sequence if not exists load_id_seq start 1;

create table if not exists loads (
  load_id      bigint primary key,
  loaded_at    timestamp not null,
  table_name   varchar not null,   -- canonical table the rows went into
  source_file  varchar not null,   -- file name as given by the user (no directories)
  shape        varchar not null,   -- detected or requested shape: invoices, ledger, settled ...
  rows_loaded  bigint not null,
  replaced     boolean not null default false,
  undone_at    timestamp           -- set when a load is undone; its rows are then deleted
);

-- who uploaded a load (server/auth/undo-rule.ts: whom besides an admin may undo it); a load from the
-- CLI or the demo seed has no row. Written in the load's transaction; hidden from Explore.
create table if not exists load_uploaders (
  load_id      bigint primary key,
  username     varchar not null
);

create table if not exists customers (
  customer_id  varchar not null,
  name         varchar,
  segment      varchar,
  country      varchar,
  currency     varchar,
  credit_limit decimal(18, 2),
  terms_days   integer,
  collector    varchar,
  load_id      bigint not null,
  source_file  varchar not null,
  source_row   bigint not null
);

create table if not exists invoices (
  invoice_id          varchar not null,
  customer_id         varchar not null,
  invoice_date        date not null,
  due_date            date not null,
  amount              decimal(18, 2) not null,
  currency            varchar,
  po_number           varchar,
  disputed_on         date,
  dispute_resolved_on date,
  disputed            boolean,      -- a Yes/No flag some exports carry without dates
  load_id             bigint not null,
  source_file         varchar not null,
  source_row          bigint not null
);

create table if not exists payments (
  payment_id   varchar not null,
  invoice_id   varchar not null,
  customer_id  varchar,
  payment_date date not null,
  amount       decimal(18, 2) not null,
  method       varchar,
  load_id      bigint not null,
  source_file  varchar not null,
  source_row   bigint not null
);

create table if not exists adjustments (
  adjustment_id   varchar not null,
  invoice_id      varchar not null,
  adjustment_date date not null,
  amount          decimal(18, 2) not null,
  kind            varchar not null,  -- credit_note | write_off
  reason          varchar,
  load_id         bigint not null,
  source_file     varchar not null,
  source_row      bigint not null
);

create table if not exists activities (
  activity_id     varchar not null,
  customer_id     varchar not null,
  activity_date   date not null,
  channel         varchar not null,
  invoice_id      varchar,
  collector       varchar,
  outcome         varchar,
  promised_date   date,
  promised_amount decimal(18, 2),
  cost            decimal(18, 2),
  note            varchar,
  logged_by       varchar,           -- who logged it from the dashboard (null for loaded files)
  logged_at       timestamp,         -- when it was logged
  load_id         bigint,            -- null for activities logged in the app
  source_file     varchar,
  source_row      bigint
);

create table if not exists costs (
  cost_date    date not null,
  category     varchar not null,
  amount       decimal(18, 2) not null,
  note         varchar,
  load_id      bigint not null,
  source_file  varchar not null,
  source_row   bigint not null
);

-- 1 unit of `base` buys `units_per_base` units of `currency` on rate_date (metrics.md "Currencies";
-- the ECB's reference rates are this shape with base EUR). The base itself has rate 1 every day.
create table if not exists fx_rates (
  rate_date      date not null,
  currency       varchar not null,  -- ISO 4217 code, upper case
  units_per_base decimal(18, 8) not null,
  base           varchar not null,
  load_id        bigint not null,
  source_file    varchar not null,
  source_row     bigint not null
);

-- The invoices a promise to pay logged in the app covers, when it names more than one (its
-- activity row keeps the first in invoice_id). A loaded activities file says the same by listing
-- the ids in invoice_id separated by ';'. core/promise_invoice_links reads both.
create table if not exists promise_invoices (
  activity_id  varchar not null,
  invoice_id   varchar not null
);

-- Costs and activities' costs are in their own currency where a file gives one, else the home
-- currency (metrics.md "Currencies"); added to databases made before the column existed.
alter table costs add column if not exists currency varchar;
alter table activities add column if not exists currency varchar;

-- An invoice's delivery channel where an export gives one (paper, email, EDI, portal ...; optional,
-- docs/forecast.md step 11): added here, last, so databases made before it have it in the same place.
alter table invoices add column if not exists delivery_channel varchar;
