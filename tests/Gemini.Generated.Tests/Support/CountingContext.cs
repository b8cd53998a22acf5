using System;
using System.Threading;

namespace Gemini.Generated.Tests.Support;

/// <summary>
/// A context like a UI's: <see cref="Run{T}"/> starts work on a thread of its own with this context current, and whatever is
/// posted or sent to it is counted, then run on the thread pool. The SDK and the spec tool never post to a caller's context.
/// </summary>
internal sealed class CountingContext : SynchronizationContext
{
    private int _posts;

    public int Posts => Volatile.Read(ref _posts);

    public T Run<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            SetSynchronizationContext(this);
            try
            {
                result = work();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        Assert.That(thread.Join(TimeSpan.FromSeconds(30)), Is.True, "the call deadlocked on the context");
        if (failure is not null)
        {
            throw failure;
        }

        return result;
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        Interlocked.Increment(ref _posts);
        ThreadPool.QueueUserWorkItem(_ =>
        {
            SetSynchronizationContext(this);
            d(state);
        });
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        Interlocked.Increment(ref _posts);
        base.Send(d, state);
    }
}
