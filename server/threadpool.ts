// Imported first by server/index.ts, before anything touches libuv's thread pool. Every DuckDB
// statement of node-api runs as a task on that pool, 4 threads by default: two long Explore
// queries, a preview and a load took all four, and every dashboard read queued behind them (issue
// 14 #2: uncached reads waited ~8.5 s). The pool is sized once, on first use.
process.env.UV_THREADPOOL_SIZE ??= '16';
