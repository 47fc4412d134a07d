/// Legal advice goes stale: warns about pages whose last review is overdue.
enum ReviewDates {
    static func check(content: SiteContent, today: Day, log: DiagnosticLog) {
        let interval = content.config.reviewIntervalDays
        content.forEachPage { page in
            guard let reviewed = page.reviewed else { return }
            let age = reviewed.days(until: today)
            if age > interval {
                log.warning(at: page.reviewedLocation ?? page.file,
                            "review overdue: '\(page.title)' was last reviewed on \(reviewed), \(age) days ago (review_interval_days: \(interval))")
            } else if age < 0 {
                log.warning(at: page.reviewedLocation ?? page.file, "reviewed date \(reviewed) is in the future")
            }
        }
    }
}
