"""The pandas peer of `ingest` + `kpis` (docs/benchmarks.md, "From the files to the first KPI answer").

Reads the generated ledger's invoices, payments and adjustments CSVs and computes AR, current AR and
sales (and DSO) at one as-of date as metrics.md defines them, per currency (an invoice's money is in
its own currency: adding currencies gives no figure); prints one JSON line with the figures and the time.
Run with Debian's pandas: /usr/bin/python3 bench/pandas_kpis.py DIR [--as-of YYYY-MM-DD] [--window 90]
(without --as-of: the latest invoice date, the interface's default).
"""
import argparse
import json
import time

started = time.perf_counter()
import pandas as pd  # noqa: E402  (the import is part of the time a user waits)

parser = argparse.ArgumentParser()
parser.add_argument("dir")
parser.add_argument("--as-of")
parser.add_argument("--window", type=int, default=90)
args = parser.parse_args()

invoices = pd.read_csv(f"{args.dir}/invoices.csv", usecols=["invoice_id", "invoice_date", "due_date", "amount", "currency"],
                       parse_dates=["invoice_date", "due_date"])
payments = pd.read_csv(f"{args.dir}/payments.csv", usecols=["invoice_id", "payment_date", "amount"], parse_dates=["payment_date"])
adjustments = pd.read_csv(f"{args.dir}/adjustments.csv", usecols=["invoice_id", "adjustment_date", "amount"],
                          parse_dates=["adjustment_date"])
read_s = time.perf_counter() - started

as_of = pd.Timestamp(args.as_of) if args.as_of else invoices["invoice_date"].max()
# balance(i, D) = amount − payments and adjustments dated ≤ D, for invoices dated ≤ D
open_invoices = invoices[invoices["invoice_date"] <= as_of]
applied = pd.concat([
    payments.loc[payments["payment_date"] <= as_of, ["invoice_id", "amount"]],
    adjustments.loc[adjustments["adjustment_date"] <= as_of, ["invoice_id", "amount"]],
]).groupby("invoice_id")["amount"].sum()
balance = open_invoices["amount"] - open_invoices["invoice_id"].map(applied).fillna(0.0)
current = (as_of - open_invoices["due_date"]).dt.days <= 0
window_start = as_of - pd.Timedelta(days=args.window - 1)
in_window = (invoices["invoice_date"] >= window_start) & (invoices["invoice_date"] <= as_of)
by_currency = []
for currency in sorted(invoices["currency"].unique()):
    mine = open_invoices["currency"] == currency
    ar = balance[mine].sum()
    sales = invoices.loc[in_window & (invoices["currency"] == currency), "amount"].sum()
    by_currency.append({
        "currency": currency,
        "ar": round(float(ar), 2),
        "current_ar": round(float(balance[mine & current].sum()), 2),
        "sales": round(float(sales), 2),
        "dso": float(ar / sales * args.window) if sales else None,
    })

print(json.dumps({
    "as_of": as_of.strftime("%Y-%m-%d"),
    "by_currency": by_currency,
    "read_s": read_s,
    "total_s": time.perf_counter() - started,
}))
