-- wrk script of `make bench` / `make soak` (scripts/bench.sh).
--
--   wrk ... -s webchats.lua http://127.0.0.1:PORT -- MODE WEBCHATS ORGS TOKENS_FILE [ORIGIN [ETAGS_FILE]]
--
-- The benchmark database holds WEBCHATS webchats over ORGS organizations (scripts/bench.sh seeds
-- them): webchat i (1..WEBCHATS) has id "6" .. 23 hex digits of i and belongs to organization
-- i % ORGS, whose id is "a" .. 23 hex digits of it; line j+1 of TOKENS_FILE is a token
-- (webchats:read webchats:write) of organization j. Each request picks a webchat at random and
-- sends the matching organization's token, so every request is one the API answers with 200.
--
-- MODE:
--   put            PUT {"offsetX":<0..500 at random>}  one field changes (1 in 501 is a no-op by chance)
--   noop           PUT {"zIndex":9999}            the seeded value, which nothing changes: a no-op
--   get            GET /api/webchats/{id}
--   list           GET /api/webchats              the first page (20) of a random organization
--   mix            half put, half get             (make soak)
--   public         GET /api/public/webchats/{id} with Origin: ORIGIN, an origin the webchat allows:
--                  expects 200 with Access-Control-Allow-Origin: ORIGIN (no token)
--   public304      the same with If-None-Match: the webchat's ETag (line i of ETAGS_FILE is webchat
--                  i's, as the service answered it for ORIGIN just before): expects 304, with the grant
--   publicrefused  the same with Origin: ORIGIN, an origin no webchat allows: expects 403, no grant
--
-- done() prints one line "WRK_RESULT name=value ..." that scripts/bench.sh reads: latencies in
-- microseconds, and the error counts (status = responses >= 400, or for the public modes the
-- responses that are not the expected answer; the rest are socket errors).

local thread_counter = 0
local threads = {}

function setup(thread)
    thread:set("thread_index", thread_counter)
    thread_counter = thread_counter + 1
    threads[#threads + 1] = thread
end

-- The public modes: the status each response must have, and whether it carries the CORS grant.
local expected = {
    public = { status = 200, grant = true },
    public304 = { status = 304, grant = true },
    publicrefused = { status = 403, grant = false },
}

local mode, webchats, orgs, origin, expect
local tokens = {}
local etags = {}

function init(args)
    mode = args[1]
    webchats = tonumber(args[2])
    orgs = tonumber(args[3])
    for line in io.lines(args[4]) do
        tokens[#tokens + 1] = "Bearer " .. line
    end
    assert(#tokens == orgs, "expected one token per organization in " .. args[4])
    assert(mode == "put" or mode == "noop" or mode == "get" or mode == "list" or mode == "mix" or expected[mode],
        "unknown mode " .. tostring(mode))
    expect = expected[mode]
    if expect then
        origin = assert(args[5], "mode " .. mode .. " needs an ORIGIN")
        unexpected = 0 -- a global of the thread's Lua state: done() reads it with thread:get
    else
        response = nil -- wrk hands responses to Lua only when the script has response()
    end
    if mode == "public304" then
        assert(args[6], "public304 needs an ETAGS_FILE")
        for line in io.lines(args[6]) do
            etags[#etags + 1] = line
        end
        assert(#etags == webchats, "expected one ETag per webchat in " .. args[6])
    end
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
    elseif m == "list" then
        return get("/api/webchats", token)
    end
    return wrk.format("GET", "/api/public/webchats/" .. id, { ["Origin"] = origin, ["If-None-Match"] = etags[i] })
end

function response(status, headers, body)
    local grant = headers["Access-Control-Allow-Origin"]
    if status ~= expect.status or (expect.grant and grant ~= origin) or (not expect.grant and grant ~= nil) then
        unexpected = unexpected + 1
    end
end

function done(summary, latency, requests)
    local e = summary.errors
    -- done() runs in the Lua state of setup(), where init() never ran: the threads' counts say
    -- whether this was a public mode.
    local status_errors, counted = 0, false
    for _, thread in ipairs(threads) do
        local n = thread:get("unexpected")
        if n then
            status_errors, counted = status_errors + n, true
        end
    end
    if not counted then
        status_errors = e.status
    end
    io.write(string.format(
        "WRK_RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d status_errors=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
        summary.requests, summary.duration,
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
        status_errors, e.connect, e.read, e.write, e.timeout))
end
