-- GET the URL given to wrk again and again, sending back the ETag of the first answer in If-None-Match: a client polling a
-- report that has not changed. Every answer after the first should be a 304 with no body; any other status is counted
-- (as "200=n" in the result) so a tag that does not hold shows.
package.path = os.getenv("BENCH_SCRIPTS") .. "/?.lua;" .. package.path
local common = require("common")
local headers = common.headers(os.getenv("BENCH_ACCEPT"))
local etag = nil
setup = common.setup
request = function() return wrk.format("GET", nil, headers) end
response = function(status, response_headers, body)
  if etag == nil then
    etag = response_headers["ETag"] or response_headers["etag"]
    if etag then headers["If-None-Match"] = etag end
  elseif status ~= 304 then
    refusals[status] = (refusals[status] or 0) + 1
  end
end
done = common.done
