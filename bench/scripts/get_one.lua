-- GET one update, picked at random from the dataset's ids.
package.path = os.getenv("BENCH_SCRIPTS") .. "/?.lua;" .. package.path
local common = require("common")
local headers = common.headers()
local ids = common.lines(os.getenv("BENCH_OUT") .. "/ids.txt")
math.randomseed(42)
request = function() return wrk.format("GET", "/v1/updates/" .. ids[math.random(#ids)], headers) end
done = common.done
