import type { Schemas } from './client';

export type TitleSummary = Schemas['TitleSummary'];
export type BrowsePage = Schemas['BrowsePage'];
export type BrowseRow = Schemas['BrowseRow'];
export type SearchPage = Schemas['SearchPage'];
export type SearchFacetValue = Schemas['SearchFacetValue'];
export type TitleView = Schemas['TitleView'];
export type SeasonView = Schemas['SeasonView'];
export type EpisodeView = Schemas['EpisodeView'];
export type MediaView = Schemas['MediaView'];
export type PlaybackView = Schemas['PlaybackView'];
export type ProfileView = Schemas['ProfileView'];
export type Plan = Schemas['Plan'];
export type EdgeView = Schemas['EdgeView'];
export type RegionView = Schemas['RegionView'];
export type LicenceView = Schemas['LicenceView'];
export type AdminTitlePage = Schemas['AdminTitlePage'];
export type TitleRequest = Schemas['TitleRequest'];
export type PasskeyOptions = Schemas['PasskeyOptions'];
export type PasskeyView = Schemas['PasskeyView'];
export type WhereView = Schemas['WhereView'];
export type AccountView = Schemas['AccountView'];
export type ResumeView = Schemas['ResumeView'];
export type ProgressItem = Schemas['ProgressItemView'];
export type ProgressList = Schemas['ProgressPage'];
export interface SessionView { id: string; kind: string; device: string; address: string; createdAt: string; lastSeenAt: string; current: boolean }
export interface StreamSummary { leaseId: string; profileName: string; titleId: string; title: string; expiresAt: string }
export interface SessionsView { sessions: SessionView[]; streams: StreamSummary[] }
export type AdminUser = Schemas['AdminUserView'];
export type AdminUserPage = Schemas['AdminUserPage'];
