#pragma once

#include <functional>

namespace spanlight {

// One page's line to the worker thread: at most one query in flight; every request made while
// one runs folds into a single follow-up, which asks for whatever is wanted when it starts.
// `start` issues the query and returns false when it could not (no source): then nothing is in
// flight and nothing is pending.
class CoalescedQuery
{
public:
    explicit CoalescedQuery(std::function<bool()> start)
        : m_start(std::move(start))
    { }

    void request()
    {
        if (m_inFlight) {
            m_pending = true;
            return;
        }
        if (m_start()) {
            m_inFlight = true;
            ++m_started;
        }
    }

    // The result of the query in flight arrived (whether or not it was still wanted).
    void finished()
    {
        m_inFlight = false;
        if (m_pending) {
            m_pending = false;
            request();
        }
    }

    bool inFlight() const { return m_inFlight; }
    bool pending() const { return m_pending; }
    int started() const { return m_started; }

private:
    std::function<bool()> m_start;
    bool m_inFlight = false;
    bool m_pending = false;
    int m_started = 0;
};

} // namespace spanlight
