-- wrk script of `make bench` / `make soak` (scripts/bench.sh).
--
--   wrk ... -s webchats.lua http://127.0.0.1:PORT -- MODE WEBCHATS ORGS TOKENS_FILE
--
-- The benchmark database holds WEBCHATS webchats over ORGS organizations (scripts/bench.sh seeds
-- them): webchat i (1..WEBCHATS) has id "6" .. 23 hex digits of i and belongs to organization
-- i % ORGS, whose id is "a" .. 23 hex digits of it; line j+1 of TOKENS_FILE is a token
-- (webchats:read webchats:write) of organization j. Each request picks a webchat at random and
-- sends the matching organization's token, so every request is one the API answers with 200.
--
-- MODE:
--   put   PUT {"offsetX":<0..500 at random>}  one field changes (1 in 501 is a no-op by chance)
--   noop  PUT {"zIndex":9999}                  the seeded value, which nothing changes: a no-op
--   get   GET /api/webchats/{id}
--   list  GET /api/webchats                    the first page (20) of a random organization
--   mix   half put, half get                   (make soak)
--
-- done() prints one line "WRK_RESULT name=value ..." that scripts/bench.sh reads: latencies in
-- microseconds, and the error counts (status = responses >= 400; the rest are socket errors).

local thread_counter = 0

function setup(thread)
    thread:set("thread_index", thread_counter)
    thread_counter = thread_counter + 1
end

local mode, webchats, orgs
local tokens = {}

function init(args)
    mode = args[1]
    webchats = tonumber(args[2])
    orgs = tonumber(args[3])
    for line in io.lines(args[4]) do
        tokens[#tokens + 1] = "Bearer " .. line
    end
    assert(#tokens == orgs, "expected one token per organization in " .. args[4])
    assert(mode == "put" or mode == "noop" or mode == "get" or mode == "list" or mode == "mix", "unknown mode " .. tostring(mode))
    math.randomseed(os.time() * 1000 + (thread_index or 0))
end

local function put(id, token, body)
    return wrk.format("PUT", "/api/webchats/" .. id,
        { ["Authorization"] = token, ["Content-Type"] = "application/json" }, body)
end

local function get(path, token)
    return wrk.format("GET", path, { ["Authorization"] = token })
end

function request()
    local i = math.random(1, webchats)
    local id = string.format("6%023x", i)
    local token = tokens[(i % orgs) + 1]
    local m = mode
    if m == "mix" then
        m = (math.random(0, 1) == 0) and "put" or "get"
    end
    if m == "put" then
        return put(id, token, '{"offsetX":' .. math.random(0, 500) .. '}')
    elseif m == "noop" then
        return put(id, token, '{"zIndex":9999}')
    elseif m == "get" then
        return get("/api/webchats/" .. id, token)
    else
        return get("/api/webchats", token)
    end
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "WRK_RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d status_errors=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
        summary.requests, summary.duration,
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
        e.status, e.connect, e.read, e.write, e.timeout))
end
