using GitLabConnector.Webhooks;
using Microsoft.Extensions.Options;

namespace GitLabConnector.Tests.Webhooks;

public class UnverifiedBodyBudgetTests
{
    private const int Budget = 1024 * 1024;

    private static UnverifiedBodyBudget Create() => new(Options.Create(new WebhookOptions { MaxUnverifiedBytes = Budget }), TimeProvider.System);

    [Fact]
    public void Reservations_together_never_exceed_the_budget_and_disposing_gives_them_back()
    {
        var budget = Create();
        using (var first = budget.Open())
        using (var second = budget.Open())
        {
            Assert.True(first.TryReserve(Budget - 100));
            Assert.False(second.TryReserve(101));
            Assert.True(second.TryReserve(100));
            Assert.Equal(Budget, budget.InFlight);
        }

        Assert.Equal(0, budget.InFlight);
    }

    [Fact]
    public void A_reservation_larger_than_the_whole_budget_is_refused()
    {
        var budget = Create();
        using var reservation = budget.Open();
        Assert.False(reservation.TryReserve(Budget + 1));
        Assert.Equal(0, budget.InFlight);
    }

    [Fact]
    public void A_released_buffer_gives_its_bytes_back_at_once()
    {
        var budget = Create();
        using var reservation = budget.Open();
        Assert.True(reservation.TryReserve(Budget));
        reservation.Release(Budget / 2);
        Assert.Equal(Budget / 2, budget.InFlight);
        using var other = budget.Open();
        Assert.True(other.TryReserve(Budget / 2));
    }
}
