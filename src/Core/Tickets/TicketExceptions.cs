using CloudpackPlus.Core.Errors;

namespace CloudpackPlus.Core.Tickets;

/// <summary>TKT-3: the balance does not cover the cost; both are in the error for the customer.</summary>
public sealed class InsufficientTicketsException(Guid companyId, int balance, int cost)
    : ProgrammeRuleException(
        "tickets_insufficient",
        $"チケットが不足しています(残り {balance} 枚、必要 {cost} 枚)。",
        $"Not enough tickets: balance {balance}, cost {cost}.")
{
    public Guid CompanyId { get; } = companyId;

    public int Balance { get; } = balance;

    public int Cost { get; } = cost;
}

/// <summary>TKT-5 / WEB-3: the service cannot be cancelled by the customer once applied.</summary>
public sealed class NotCancellableException(string serviceId)
    : ProgrammeRuleException(
        "not_cancellable",
        $"このサービス({serviceId})はお申し込み後のキャンセルができません。",
        $"The service {serviceId} cannot be cancelled by the customer once applied.")
{
    public string ServiceId { get; } = serviceId;
}

/// <summary>A reservation was asked to move to a state it cannot reach (e.g. confirm after release).</summary>
public sealed class ReservationStateException(Guid reservationId, TicketReservationStatus status, string action)
    : ProgrammeRuleException(
        "reservation_state",
        $"チケット予約 {reservationId} は {status} のため {action} できません。",
        $"Ticket reservation {reservationId} is {status}; it cannot be {action}.")
{
    public TicketReservationStatus Status { get; } = status;
}

/// <summary>WEB-4: the service's yearly capacity is used up; it is closed for the rest of the fiscal year.</summary>
public sealed class ServiceCapacityReachedException(string serviceId, int capacity)
    : ProgrammeRuleException(
        "capacity_reached",
        $"受付終了(今年度): このサービス({serviceId})は今年度の受付上限({capacity} 件)に達したため、受付を終了しました。",
        $"The service {serviceId} has reached its yearly capacity of {capacity} and is closed for this fiscal year.")
{
    public string ServiceId { get; } = serviceId;

    public int Capacity { get; } = capacity;
}
