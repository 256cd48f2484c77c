-- GET the URL given to wrk, with the key and an optional Accept header (BENCH_ACCEPT).
package.path = os.getenv("BENCH_SCRIPTS") .. "/?.lua;" .. package.path
local common = require("common")
local headers = common.headers(os.getenv("BENCH_ACCEPT"))
request = function() return wrk.format("GET", nil, headers) end
done = common.done
