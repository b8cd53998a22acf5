using System.Threading;

namespace Gemini.Generated;

/// <summary>
/// A token bucket shared by every call of one client, after the retry quota of the AWS SDKs' standard mode: a retry spends
/// tokens, a success returns some. In a sustained outage the bucket empties and failures come back without retries, so the
/// client adds little load to a service that is already down.
/// </summary>
internal sealed class RetryBudget
{
    private readonly int _capacity;
    private int _tokens;

    public RetryBudget(int capacity)
    {
        _capacity = capacity;
        _tokens = capacity;
    }

    public bool Enabled => _capacity > 0;

    public int Available => Volatile.Read(ref _tokens);

    public bool TryAcquire(int cost)
    {
        if (!Enabled)
        {
            return true;
        }

        while (true)
        {
            var current = Volatile.Read(ref _tokens);
            if (current < cost)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _tokens, current - cost, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Returns tokens, up to the capacity (a disabled budget, of capacity 0, stays empty).</summary>
    public void Release(int amount)
    {
        while (true)
        {
            var current = Volatile.Read(ref _tokens);
            var next = current + amount > _capacity ? _capacity : current + amount;
            if (current == next || Interlocked.CompareExchange(ref _tokens, next, current) == current)
            {
                return;
            }
        }
    }
}
