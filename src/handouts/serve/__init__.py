"""Turn a project folder into a local web app: the front desk prints filled aftercare sheets, the chain view
shows every document of every location with its findings, rebuilt as files change."""
