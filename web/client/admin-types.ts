/** What the coordinator routes return (shared/cities/schema.ts AdminCity, inquiries). */
export interface AdminCity {
  id: string;
  name: string;
  country: string;
  countryName: string;
  region?: string;
  population: number;
  description: string;
  interests: string[];
  contact: { name: string; email: string; title?: string; phone?: string };
  website?: string;
  status: 'pending' | 'approved' | 'rejected';
  seeking: boolean;
  registeredAt: string;
  /** When it was approved or rejected. */
  reviewedAt?: string;
  /** Why it was rejected: what its contact person was told. */
  rejectionReason?: string;
}

export interface Inquiry {
  id: string;
  cityId: string;
  cityName: string;
  name: string;
  email: string;
  organization: string;
  state?: string;
  message: string;
  submittedAt: string;
}
