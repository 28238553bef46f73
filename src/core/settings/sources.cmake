# Sources of the core 'settings' area: profiles and preferences over QSettings, and where secrets
# live (the OS keychain, or session memory when there is none).
target_sources(marginwatch_core PRIVATE
    settings/Autostart.h
    settings/Autostart.cpp
    settings/ServerKind.h
    settings/Profile.h
    settings/Profile.cpp
    settings/Preferences.h
    settings/Preferences.cpp
    settings/UiLanguage.h
    settings/UiLanguage.cpp
    settings/SettingSpec.h
    settings/SettingSpec.cpp
    settings/SettingKeys.h
    settings/SettingKeys.cpp
    settings/SettingsStore.h
    settings/SettingsStore.cpp
    settings/SecretStore.h
    settings/SecretStore.cpp
    settings/MemorySecretStore.h
    settings/MemorySecretStore.cpp
    settings/KeychainSecretStore.h
    settings/KeychainSecretStore.cpp)
