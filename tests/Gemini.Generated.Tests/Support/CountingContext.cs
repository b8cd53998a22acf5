using System;
using System.Threading;

namespace Gemini.Generated.Tests.Support;

/// <summary>A single-threaded context like a UI's: it counts what is posted to it and runs it on its own thread.</summary>
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
}
